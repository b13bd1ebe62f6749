import { ERR_INTEGRATION_INVALID } from '../../shared/errorCodes'
import { fieldLabel } from '../../shared/fieldLabels'
import { TokenDeskError } from '../errors'

/** The URL fields of an integration; messages name them by the form's label (shared/fieldLabels.ts). */
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

/** The resolved integration's URLs (structurally, so this module does not import the resolver). */
type EndpointUrls = { [F in (typeof URL_FIELDS)[number]]?: string } & { api: { baseUrl?: string } }

const MAX_QUOTED_URL = 200

/**
 * Every endpoint URL read once, at the boundary: an http(s) URL that `new URL` cannot parse is refused
 * here with the field's name, instead of a TypeError from whichever step parses it first. Values
 * without a scheme or with a {placeholder} are left to the pre-flight checks, which explain those.
 */
export function assertEndpointUrls(resolved: EndpointUrls): void {
  for (const field of URL_FIELDS) assertEndpointUrl(resolved[field], field)
  assertEndpointUrl(resolved.api.baseUrl, 'api.baseUrl')
}

function assertEndpointUrl(value: string | undefined, field: string): void {
  const problem = value === undefined ? undefined : endpointUrlProblem(value)
  if (problem === undefined) return
  const label = fieldLabel(field)
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
