import { toCurl } from '../../shared/curl'
import type { RecordedHttpRequest } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { EngineCore } from './engineCore'
import { grantFor } from './grants'
import type { GrantInput } from './grants/grant'
import { buildTokenRequest, missingFields } from './tokenRequest'

/**
 * The token request that would be sent, masked unless `reveal`, and as curl. Sends nothing. Fields
 * still missing show as ‹placeholders› and are listed, so the preview helps while the form is filled.
 */
export async function previewTokenRequest(
  core: EngineCore,
  integration: Integration,
  options: { reveal?: boolean; input?: GrantInput } = {},
) {
  const prepared = await core.prepare(integration)
  const grant = grantFor(prepared.resolved.grant)
  const input = options.input ?? {}
  const missing = missingFields(prepared.resolved, grant, input)
  const resolved = { ...prepared.resolved }
  for (const { field } of missing) {
    if (field in resolved) (resolved as unknown as Record<string, unknown>)[field] = `‹${field}›`
  }
  const request = await buildTokenRequest(resolved, grant, {
    ...input,
    code: input.code ?? (missing.some(({ field }) => field === 'code') ? '‹code›' : undefined),
  })
  const shown: RecordedHttpRequest = options.reveal ? request : prepared.masker.request(request)
  const warnings = [
    ...prepared.warnings,
    ...missing.map(({ field, message }) => `Still needed — ${field}: ${message}`),
  ]
  const fieldWarnings = prepared.checks.flatMap(({ field, message }) => (field ? [{ field, message }] : []))
  return { request: shown, curl: toCurl(shown), warnings, fieldWarnings }
}
