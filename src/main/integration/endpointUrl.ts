import { ERR_INTEGRATION_INVALID } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'
import type { ResolvedIntegration } from './resolve'

/** The URL fields of an integration, by the label the form shows them under. */
const URL_LABELS = [
  ['tokenUrl', 'Token URL'],
  ['authorizeUrl', 'Authorize URL'],
  ['deviceAuthorizationUrl', 'Device authorization URL'],
  ['introspectionUrl', 'Introspection URL'],
  ['userinfoUrl', 'Userinfo URL'],
  ['jwksUrl', 'JWKS URL'],
  ['issuer', 'Issuer'],
] as const

const MAX_QUOTED_URL = 200

/**
 * Every endpoint URL read once, at the boundary: an http(s) URL that `new URL` cannot parse is refused
 * here with the field's name, instead of a TypeError from whichever step parses it first. Values
 * without a scheme or with a {placeholder} are left to the pre-flight checks, which explain those.
 */
export function assertEndpointUrls(resolved: ResolvedIntegration): void {
  for (const [field, label] of URL_LABELS) assertEndpointUrl(resolved[field], field, label)
  assertEndpointUrl(resolved.api.baseUrl, 'api.baseUrl', 'API base URL')
}

function assertEndpointUrl(value: string | undefined, field: string, label: string): void {
  const problem = value === undefined ? undefined : endpointUrlProblem(value)
  if (problem === undefined) return
  const shown = value!.length > MAX_QUOTED_URL ? `${value!.slice(0, MAX_QUOTED_URL - 1)}…` : value!
  throw new TokenDeskError(
    ERR_INTEGRATION_INVALID,
    `${label} "${shown.trim()}" is not a valid URL: ${problem}. Correct the ${label}.`,
    { field },
  )
}

/** Why an http(s) URL cannot be used, in words; undefined when it parses or is not an http(s) URL yet. */
export function endpointUrlProblem(value: string): string | undefined {
  const url = value.trim()
  if (!/^https?:\/\//i.test(url) || url.includes('{') || url.includes('}')) return undefined
  if (URL.canParse(url)) return undefined
  const authority = url.slice(url.indexOf('//') + 2).split(/[/?#]/, 1)[0]!
  if (/\s/.test(url)) return 'it contains a space'
  if (authority.startsWith('[') && !authority.includes(']')) return 'the IPv6 address in [ ] is not closed'
  const port = /:(\d+)$/.exec(authority)?.[1]
  if (port !== undefined && Number(port) > 65535) return `the port ${port} is above 65535`
  if (authority === '' || authority.startsWith(':')) return 'it has no host name'
  return 'it cannot be read as a web address (check the host name and port)'
}
