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
 */
export async function buildTokenRequest(
  resolved: ResolvedIntegration,
  grant: Grant,
  input: GrantInput,
): Promise<PreparedRequest> {
  const missing = grant.missing(resolved, input)
  if (!resolved.tokenUrl)
    missing.unshift({
      field: 'tokenUrl',
      message: 'Fill in the token URL from the vendor’s documentation (or the issuer, to discover it).',
    })
  if (missing.length) {
    const [first] = missing
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      `"${first!.field}" is needed for the ${resolved.grant} grant. ${first!.message}`,
      {
        field: first!.field,
        details: { missing },
      },
    )
  }
  const tokenUrl = resolved.tokenUrl!
  const auth = await clientAuthentication(resolved, tokenUrl)
  const headers: Array<[string, string]> = [['Content-Type', 'application/x-www-form-urlencoded']]
  if (!resolved.tokenHeaders.some(([name]) => name.toLowerCase() === 'accept'))
    headers.push(['Accept', 'application/json'])
  headers.push(...auth.headers, ...resolved.tokenHeaders)
  return {
    method: 'POST',
    url: withQuery(tokenUrl, auth.queryParams),
    headers,
    body: formBody([...grant.params(resolved, input), ...auth.bodyParams, ...resolved.tokenParams]),
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
