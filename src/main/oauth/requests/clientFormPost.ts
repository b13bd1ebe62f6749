import { formBody } from '../../http/formEncoding'
import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { clientAuthentication } from './clientAuth'

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

/** The URL with `params` added to its query, before any fragment. */
export function withQuery(url: string, params: Array<[string, string]>): string {
  if (!params.length) return url
  const hash = url.indexOf('#')
  const base = hash < 0 ? url : url.slice(0, hash)
  return `${base}${base.includes('?') ? '&' : '?'}${formBody(params)}${hash < 0 ? '' : url.slice(hash)}`
}
