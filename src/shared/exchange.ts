/**
 * One HTTP exchange as TokenDesk recorded it, with every secret already masked. This is what support
 * staff read, what history keeps and what "Copy as curl" renders.
 */
export interface RecordedHttpRequest {
  method: string
  url: string
  /** In the order sent; names as sent. */
  headers: Array<[string, string]>
  body: string | null
}

export interface RecordedHttpResponse {
  status: number
  statusText: string
  headers: Array<[string, string]>
  body: string
  /** True when the body was cut at the response size cap. */
  truncated: boolean
}

export type NetworkErrorKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'reset'
  | 'too-large'
  | 'aborted'
  | 'proxy-auth'
  | 'proxy-refused'
  | 'other'

/** The HTTP proxy a request went through (never its credentials), and who chose it. */
export interface ProxyUsed {
  /** scheme://host:port */
  address: string
  source: 'integration' | 'environment' | 'system'
}

export interface NetworkFailure {
  kind: NetworkErrorKind
  /** Node's error code, e.g. ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED. */
  code?: string
  message: string
  /** Set when the request went through a proxy: a refused or unknown host is then the proxy's. */
  proxy?: ProxyUsed
}

export interface Exchange {
  id: string
  /** 'token' for token-endpoint calls, 'api' for calls to the vendor's API, 'discovery', 'introspection'… */
  purpose:
    | 'token'
    | 'api'
    | 'discovery'
    | 'introspection'
    | 'userinfo'
    | 'jwks'
    | 'device'
    /** RFC 7009 token revocation. */
    | 'revocation'
    /** RFC 9126 pushed authorization request. */
    | 'pushed-authorization'
  startedAt: string
  durationMs: number
  request: RecordedHttpRequest
  response?: RecordedHttpResponse
  networkError?: NetworkFailure
}
