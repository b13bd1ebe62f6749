import { toCurl } from '../../../shared/curl'
import type { RecordedHttpRequest } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { TokenDeskError } from '../../errors'
import type { ResolvedIntegration } from '../../integration/resolve'
import type { OAuthDeps } from '../deps'
import { prepareOrThrow } from '../prepared'
import { grantFor } from '../requests/grants'
import type { Grant, GrantInput } from '../requests/grants/grant'
import { missingFields, unmetTokenRequest } from '../requests/tokenRequest'

/**
 * The token request that would be sent, masked unless `reveal`, and as curl. Sends nothing. Fields
 * still missing show as ‹placeholders› and are listed, so the preview helps while the form is filled.
 */
export async function previewTokenRequest(
  deps: OAuthDeps,
  integration: Integration,
  options: { reveal?: boolean; input?: GrantInput } = {},
) {
  const prepared = await prepareOrThrow(deps, integration)
  const grant = grantFor(prepared.resolved.grant)
  const input = options.input ?? {}
  // The sign-in supplies the code (and its PKCE verifier) when it finishes: not something still to fill in.
  const fromSignIn = (field: string) => field === 'code' && prepared.resolved.grant === 'authorization_code'
  const missing = missingFields(prepared.resolved, grant, input)
  // Stand-ins where values are missing: saved fields on the integration, run-time ones (a pasted code,
  // a device code) on the grant input.
  const resolved = { ...prepared.resolved }
  const filledInput: GrantInput = { ...input }
  for (const { field } of missing) {
    // A vendor's header or form field stays empty in the preview (shown as "(empty)"), listed below.
    if (field.includes('.')) continue
    const target =
      field in resolved
        ? (resolved as unknown as Record<string, unknown>)
        : (filledInput as Record<string, unknown>)
    target[field] = fromSignIn(field) ? '‹code from the sign-in›' : `‹${field}›`
  }
  const { sent, problem } = await grantForPreview(grant, resolved, missing.length > 0, deps.now())
  const request = await unmetTokenRequest(resolved, sent, filledInput)
  const shown: RecordedHttpRequest = options.reveal ? request : prepared.masker.request(request)
  const warnings = [
    ...prepared.warnings,
    ...(problem ? [problem] : []),
    ...missing
      .filter(({ field }) => !fromSignIn(field))
      .map(({ label, message }) => `Still needed — ${label}: ${message}`),
  ]
  const fieldWarnings = prepared.checks.flatMap(({ field, message }) => (field ? [{ field, message }] : []))
  return { request: shown, curl: toCurl(shown), warnings, fieldWarnings }
}

/**
 * The grant as its next request would send it: a JWT bearer assertion signed now (each request
 * signs its own). While fields are missing, or when the key cannot sign, the unsigned stand-in and why.
 */
async function grantForPreview(
  grant: Grant,
  resolved: ResolvedIntegration,
  incomplete: boolean,
  now: number,
): Promise<{ sent: Grant; problem?: string }> {
  if (!grant.forAttempt || incomplete) return { sent: grant }
  try {
    return { sent: await grant.forAttempt(resolved, new Date(now)) }
  } catch (error) {
    if (error instanceof TokenDeskError) return { sent: grant, problem: error.message }
    throw error
  }
}
