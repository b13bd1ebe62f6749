import type { ApiRequest } from '../../../shared/apiCall'
import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { withoutTrailingSlashes } from '../../jwt/lib/trailingSlash'
import { withQuery } from './clientFormPost'

/**
 * The API request with the token placed as the integration says: an `Authorization: Bearer` header
 * (RFC 6750 §2.1), or a query parameter (RFC 6750 §2.3) — AffinityLive's `_bearer_token`.
 */
export function apiRequestWithToken(
  resolved: ResolvedIntegration,
  request: ApiRequest,
  accessToken: string,
): PreparedRequest {
  const url = absoluteUrl(request.url, resolved.api.baseUrl)
  const headers: Array<[string, string]> = [...resolved.api.headers, ...(request.headers ?? [])]
  if (!headers.some(([name]) => name.toLowerCase() === 'accept'))
    headers.unshift(['Accept', 'application/json'])
  if (resolved.api.tokenPlacement === 'header') headers.push(['Authorization', `Bearer ${accessToken}`])
  return {
    method: request.method.toUpperCase(),
    url:
      resolved.api.tokenPlacement === 'query'
        ? withQuery(url, [[resolved.api.queryParam, accessToken]])
        : url,
    headers,
    body: request.body ?? null,
  }
}

function absoluteUrl(url: string, baseUrl: string | undefined): string {
  if (/^https?:\/\//i.test(url)) return url
  if (!baseUrl) return url
  return `${withoutTrailingSlashes(baseUrl)}/${url.replace(/^\/+/, '')}`
}
