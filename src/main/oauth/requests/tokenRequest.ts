import { ERR_INTEGRATION_INCOMPLETE } from '../../../shared/errorCodes'
import { fieldLabel, listOf } from '../../../shared/fieldLabels'
import type { RequiredField } from '../../../shared/preset'
import { TokenDeskError } from '../../errors'
import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { findPreset } from '../../presets'
import { clientFormPost } from './clientFormPost'
import type { Grant, GrantInput, MissingField } from './grants/grant'

/**
 * The token request exactly as configured: always form-urlencoded (RFC 6749 §4, never JSON), JSON
 * asked for unless the integration sets its own Accept, then the vendor's extra headers and fields.
 * Refused, naming the field, while anything the grant or the client authentication needs is missing.
 */
export async function buildTokenRequest(
  resolved: ResolvedIntegration,
  grant: Grant,
  input: GrantInput,
): Promise<PreparedRequest> {
  assertTokenRequestComplete(resolved, grant, input)
  return unmetTokenRequest(resolved, grant, input)
}

/** Refuses, naming the field, while anything the token request needs is missing. */
export function assertTokenRequestComplete(
  resolved: ResolvedIntegration,
  grant: Grant,
  input: GrantInput,
): void {
  const missing = missingFields(resolved, grant, input)
  if (!missing.length) return
  const [first] = missing
  const labels = missing.map(({ label }) => label)
  throw new TokenDeskError(
    ERR_INTEGRATION_INCOMPLETE,
    `Still needed before a token can be requested: ${listOf(labels)}.${missing.length === 1 ? ` ${first!.message}` : ''}`,
    { field: first!.field, details: { missing } },
  )
}

/** The token request built as configured, without checking that anything needed is there (the preview's). */
export function unmetTokenRequest(
  resolved: ResolvedIntegration,
  grant: Grant,
  input: GrantInput,
): Promise<PreparedRequest> {
  return clientFormPost(
    resolved,
    resolved.tokenUrl!,
    (authParams) => [...grant.params(resolved, input), ...authParams, ...resolved.tokenParams],
    resolved.tokenHeaders,
  )
}

/** A missing field with the label the form shows for it. */
export interface LabelledMissingField extends MissingField {
  label: string
}

/**
 * What the grant, the client-authentication style and the vendor's preset still need, in the order
 * a form asks for it, each with its visible label.
 */
export function missingFields(
  resolved: ResolvedIntegration,
  grant: Grant,
  input: GrantInput,
): LabelledMissingField[] {
  const vendorFields = findPreset(resolved.source.preset)?.requiredFields ?? []
  return [
    ...standardMissingFields(resolved, grant, input),
    ...missingVendorFields(resolved, vendorFields),
  ].map((each) => ({ ...each, label: fieldLabel(each.field, vendorFields) }))
}

function missingVendorFields(resolved: ResolvedIntegration, required: RequiredField[]): MissingField[] {
  return required
    .filter((field) => !valueAt(resolved, field.path))
    .map((field) => ({ field: field.path, message: `Fill in the ${field.label}: ${field.help}` }))
}

/** The resolved value of a preset's required field, found by its path. */
function valueAt(resolved: ResolvedIntegration, path: string): string | undefined {
  const [section, kind, ...rest] = path.split('.')
  const name = rest.join('.')
  if (section === 'basicAuth') return resolved.basicAuth?.[kind as 'username' | 'password']
  const pairs = kind === 'headers' ? resolved.tokenHeaders : resolved.tokenParams
  return pairs.find(([each]) => each.toLowerCase() === name.toLowerCase())?.[1]
}

function standardMissingFields(
  resolved: ResolvedIntegration,
  grant: Grant,
  input: GrantInput,
): MissingField[] {
  const missing: MissingField[] = []
  if (!resolved.tokenUrl)
    missing.push({
      field: 'tokenUrl',
      message: 'Fill in the token URL from the vendor’s documentation (or the issuer, to discover it).',
    })
  missing.push(...grant.missing(resolved, input))
  const needsClientId =
    ['basic', 'body', 'query', 'client_secret_jwt', 'private_key_jwt'].includes(resolved.clientAuth) &&
    !resolved.basicAuth
  if (needsClientId && !resolved.clientId && !missing.some(({ field }) => field === 'clientId')) {
    missing.push({ field: 'clientId', message: 'Fill in the client ID the vendor gave you.' })
  }
  const needsSecret =
    ['basic', 'body', 'query', 'client_secret_jwt'].includes(resolved.clientAuth) && !resolved.basicAuth
  if (needsSecret && resolved.clientSecret === undefined) {
    missing.push({
      field: 'clientSecret',
      message: 'Fill in the client secret the vendor gave you, or choose “None” if your app has none.',
    })
  }
  return missing
}
