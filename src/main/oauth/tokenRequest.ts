import { ERR_INTEGRATION_INCOMPLETE } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'
import { formBody } from '../http/formEncoding'
import type { PreparedRequest } from '../http/mask'
import type { ResolvedIntegration } from '../integration/resolve'
import { clientAuthentication } from './clientAuth'
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
  const missing = missingFields(resolved, grant, input)
  if (missing.length) {
    const [first] = missing
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      `"${first!.field}" is needed for the ${resolved.grant} grant. ${first!.message}`,
      { field: first!.field, details: { missing } },
    )
  }
  return clientFormPost(
    resolved,
    resolved.tokenUrl!,
    (authParams) => [...grant.params(resolved, input), ...authParams, ...resolved.tokenParams],
    resolved.tokenHeaders,
  )
}

/**
 * A form POST authenticated as the client — the token, device authorization and introspection
 * endpoints all take one. `body` places the client-authentication fields among its own.
 */
export async function clientFormPost(
  resolved: ResolvedIntegration,
  url: string,
  body: (authParams: Array<[string, string]>) => Array<[string, string]>,
  extraHeaders: Array<[string, string]> = [],
): Promise<PreparedRequest> {
  const auth = await clientAuthentication(resolved, url)
  const headers: Array<[string, string]> = [['Content-Type', 'application/x-www-form-urlencoded']]
  if (!extraHeaders.some(([name]) => name.toLowerCase() === 'accept'))
    headers.push(['Accept', 'application/json'])
  headers.push(...auth.headers, ...extraHeaders)
  return {
    method: 'POST',
    url: withQuery(url, auth.queryParams),
    headers,
    body: formBody(body(auth.bodyParams)),
  }
}

/** What the grant and the client-authentication style still need, in the order a form asks for it. */
export function missingFields(
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

export function withQuery(url: string, params: Array<[string, string]>): string {
  if (!params.length) return url
  const hash = url.indexOf('#')
  const base = hash < 0 ? url : url.slice(0, hash)
  return `${base}${base.includes('?') ? '&' : '?'}${formBody(params)}${hash < 0 ? '' : url.slice(hash)}`
}
