import { fieldLabel } from '../../shared/fieldLabels'
import type { Preset } from '../../shared/preset'
import type { ResolvedIntegration } from '../integration/resolve'
import { AUTH_METHOD_NAMES, type ProviderMetadata } from './discovery'

const URL_FIELDS = [
  'tokenUrl',
  'authorizeUrl',
  'deviceAuthorizationUrl',
  'introspectionUrl',
  'revocationUrl',
  'userinfoUrl',
  'jwksUrl',
  'issuer',
] as const

/** A pre-flight finding; `field` places it under the form field it is about. */
export interface PreflightWarning {
  field?: string
  message: string
}

/**
 * Checks before sending, each a warning with its fix. Fixable slips (spaces around a URL) are fixed
 * in the request and reported, so the user learns what was wrong without a failed call.
 */
export function preflightChecks(
  resolved: ResolvedIntegration,
  preset: Preset | undefined,
  metadata?: ProviderMetadata,
): PreflightWarning[] {
  const warnings: PreflightWarning[] = []
  const warn = (message: string, field?: string) => warnings.push({ field, message })
  const label = (field: string) => fieldLabel(field, preset?.requiredFields)
  for (const field of URL_FIELDS) {
    const value = resolved[field]
    if (value === undefined || value === '') continue
    const trimmed = value.trim()
    if (trimmed !== value) {
      warn(`${label(field)} has spaces around it; they were removed. Check the copy-paste.`, field)
      resolved[field] = trimmed
    }
    if (/[{}]/.test(trimmed)) {
      warn(
        `${label(field)} still contains a placeholder (${placeholderIn(trimmed)}). Replace it with your own value.`,
        field,
      )
    } else if (!/^https?:\/\//i.test(trimmed)) {
      warn(`${label(field)} has no http:// or https:// in front ("${trimmed}"). Add https://.`, field)
    } else if (/^http:\/\//i.test(trimmed) && !isLoopback(trimmed)) {
      warn(
        `${label(field)} uses http:// — credentials and tokens would travel unencrypted. Use https://.`,
        field,
      )
    }
  }
  for (const [field, value] of [
    ['clientSecret', resolved.clientSecret],
    ['password', resolved.password],
    ['basicAuth.password', resolved.basicAuth?.password],
  ] as const) {
    if (value && looksPasted(value)) {
      warn(
        `${label(field)} starts or ends with a quote or a space — probably pasted by mistake. Remove it unless the vendor’s value really has it.`,
        field,
      )
    }
  }
  if (preset && resolved.scope.length > 1 && preset.scopeSeparator !== resolved.scopeSeparator) {
    const name = preset.scopeSeparator === ',' ? 'commas' : 'spaces'
    warn(
      `${preset.name} separates scopes with ${name}; this integration uses "${resolved.scopeSeparator}". Set the scope separator to ${name}.`,
      'scope',
    )
  }
  const apiMismatch = apiBaseUrlLeftBehind(resolved, preset)
  if (apiMismatch)
    warn(
      `${label('api.baseUrl')} still points at ${apiMismatch.api} (${preset!.name}'s own API) while the Token URL now points at ${apiMismatch.token}: Try the API would call the vendor's API with this token. Change the ${label('api.baseUrl')} to match.`,
      'api.baseUrl',
    )
  const supported = metadata?.token_endpoint_auth_methods_supported
  const method = AUTH_METHOD_NAMES[resolved.clientAuth]
  if (supported && method && !supported.includes(method)) {
    warn(
      `The issuer does not list "${method}" among its client authentication methods (${supported.join(', ')}). Choose one of those.`,
      'clientAuth',
    )
  }
  for (const finding of discoveredFacts(resolved, metadata)) warn(finding.message, finding.field)
  return warnings
}

/**
 * What discovery says that the integration disagrees with: PAR required (RFC 9126 §5) or not offered,
 * a client-auth style the revocation endpoint does not list (RFC 8414 §2), and a DPoP proof algorithm
 * the provider does not accept (RFC 9449 §5.1).
 */
function discoveredFacts(resolved: ResolvedIntegration, metadata?: ProviderMetadata): PreflightWarning[] {
  if (!metadata) return []
  const findings: PreflightWarning[] = []
  const pushed = resolved.source.signIn?.pushedAuthorization
  if (metadata.require_pushed_authorization_requests === true && pushed === false)
    findings.push({
      field: 'signIn.pushedAuthorization',
      message:
        'The provider requires pushed authorization requests (require_pushed_authorization_requests): TokenDesk pushes the authorize request although PAR is off.',
    })
  if (pushed === true && !metadata.pushed_authorization_request_endpoint)
    findings.push({
      field: 'signIn.pushedAuthorization',
      message:
        'The provider publishes no pushed_authorization_request_endpoint, so the sign-in cannot push its request: turn PAR off.',
    })
  const method = AUTH_METHOD_NAMES[resolved.clientAuth]
  const revocationMethods = metadata.revocation_endpoint_auth_methods_supported
  if (metadata.revocation_endpoint && revocationMethods && method && !revocationMethods.includes(method))
    findings.push({
      field: 'clientAuth',
      message: `The issuer's revocation endpoint does not list "${method}" among its client authentication methods (${revocationMethods.join(', ')}): revoking a token may be refused.`,
    })
  const dpopAlgorithms = metadata.dpop_signing_alg_values_supported
  if (resolved.dpop && Array.isArray(dpopAlgorithms) && !dpopAlgorithms.includes(resolved.dpop.algorithm))
    findings.push({
      field: 'dpop.algorithm',
      message: `The provider accepts DPoP proofs signed with ${dpopAlgorithms.join(', ')} (dpop_signing_alg_values_supported), not ${resolved.dpop.algorithm}: pick one of those as the DPoP algorithm.`,
    })
  if (resolved.dpop && !dpopAlgorithms)
    findings.push({
      field: 'dpop.enabled',
      message:
        'The provider publishes no dpop_signing_alg_values_supported, so it may not know DPoP: a refused proof would be explained as an unknown header. Turn Use DPoP off if tokens are refused.',
    })
  return findings
}

/** `{tenant}` in `https://login.example.com/{tenant}/token`: the first brace to the next closing one. */
function placeholderIn(url: string): string {
  const open = url.search(/[{}]/)
  const close = url.indexOf('}', open + 1)
  const placeholder = url[open] === '{' && close > 0 ? url.slice(open, close + 1) : url.slice(open, open + 1)
  return placeholder.length > 60 ? `${placeholder.slice(0, 59)}…` : placeholder
}

export function looksPasted(value: string): boolean {
  return /^[\s'"“”‘’]|[\s'"“”‘’]$/.test(value)
}

/**
 * The preset's API base URL kept while the Token URL moved to another host (a test server, a
 * sandbox, another region): the API calls would still go to the vendor's default API.
 */
function apiBaseUrlLeftBehind(
  resolved: ResolvedIntegration,
  preset: Preset | undefined,
): { api: string; token: string } | undefined {
  const presetApi = preset?.integration.api?.baseUrl
  const presetToken = preset?.integration.tokenUrl
  const { baseUrl } = resolved.api
  if (typeof presetApi !== 'string' || typeof presetToken !== 'string' || !baseUrl || !resolved.tokenUrl)
    return undefined
  if (baseUrl.trim() !== presetApi || !URL.canParse(resolved.tokenUrl) || !URL.canParse(presetToken))
    return undefined
  const tokenHost = new URL(resolved.tokenUrl).host
  if (tokenHost === new URL(presetToken).host) return undefined
  return URL.canParse(baseUrl) ? { api: new URL(baseUrl).host, token: tokenHost } : undefined
}

function isLoopback(url: string): boolean {
  if (!URL.canParse(url)) return false
  const host = new URL(url).hostname
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host)
}
