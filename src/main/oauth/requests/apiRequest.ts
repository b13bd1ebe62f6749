import type { ApiRequest } from '../../../shared/apiCall'
import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { withoutTrailingSlashes } from '../../jwt/lib/trailingSlash'
import { withQuery } from './clientFormPost'

/**
 * The API request with the token placed as the integration says: an `Authorization: Bearer` header
 * (RFC 6750 §2.1), or a query parameter (RFC 6750 §2.3) — AffinityLive's `_bearer_token`. A
 * DPoP-bound token is not placed here: it goes with the proof made for each attempt (RFC 9449 §7.1).
 */
export function apiRequestWithToken(
  resolved: ResolvedIntegration,
  request: ApiRequest,
  accessToken: string,
  options: { dpopBound?: boolean } = {},
): PreparedRequest {
  const url = absoluteUrl(request.url, resolved.api.baseUrl)
  const headers: Array<[string, string]> = [...resolved.api.headers, ...(request.headers ?? [])]
  if (!headers.some(([name]) => name.toLowerCase() === 'accept'))
    headers.unshift(['Accept', 'application/json'])
  const placement = options.dpopBound ? 'proof' : resolved.api.tokenPlacement
  if (placement === 'header') headers.push(['Authorization', `Bearer ${accessToken}`])
  return {
    method: request.method.toUpperCase(),
    url: placement === 'query' ? withQuery(url, [[resolved.api.queryParam, accessToken]]) : url,
    headers,
    body: request.body ?? null,
  }
}

function absoluteUrl(url: string, baseUrl: string | undefined): string {
  if (/^https?:\/\//i.test(url)) return url
  if (!baseUrl) return url
  return `${withoutTrailingSlashes(baseUrl)}/${url.replace(/^\/+/, '')}`
}
