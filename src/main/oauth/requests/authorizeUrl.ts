import { ERR_INTEGRATION_INCOMPLETE } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { ResolvedIntegration } from '../../integration/resolve'
import { codeChallengeS256, randomToken } from './pkce'

export type ResponseMode = 'query' | 'fragment' | 'form_post'

/** Parameters the sign-in owns: the integration's extra authorize parameters may not override them. */
const OWN_PARAMS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'response_mode',
  'request_uri',
])

export interface AuthorizationRequestOptions {
  /**
   * Where the provider sends the user back: the loopback listener's URI or the integration's own.
   * Absent for out-of-band flows where the provider shows a PIN or code to paste (AffinityLive).
   */
  redirectUri?: string
  responseMode?: ResponseMode
  /** Extra authorize parameters from the integration (prompt, audience, resource, login_hint…). */
  extraParams?: Record<string, string>
}

/** One authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636, and OIDC's nonce) and what its answer must match. */
export interface AuthorizationRequest {
  /** The authorize endpoint. */
  endpoint: string
  clientId: string
  /** In the order they are sent; later ones replace a same-named parameter of the endpoint's own query. */
  params: Array<[string, string]>
  state: string
  codeVerifier?: string
  nonce?: string
  redirectUri?: string
  responseMode: ResponseMode
}

/** Fresh state (and PKCE verifier, and nonce for openid) with every parameter of the authorize request. */
export function authorizationRequest(
  resolved: ResolvedIntegration,
  options: AuthorizationRequestOptions,
): AuthorizationRequest {
  if (!resolved.authorizeUrl)
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'Fill in the Authorize URL (or the Issuer, to discover it).',
      { field: 'authorizeUrl' },
    )
  if (!resolved.clientId)
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'Fill in the Client ID: the sign-in page needs it.',
      {
        field: 'clientId',
      },
    )
  const state = randomToken()
  const codeVerifier = resolved.pkce ? randomToken() : undefined
  const nonce = resolved.scope.includes('openid') ? randomToken() : undefined
  const responseMode = options.responseMode ?? 'query'
  const params: Array<[string, string]> = Object.entries(options.extraParams ?? {}).filter(
    ([name]) => !OWN_PARAMS.has(name),
  )
  params.push(['response_type', 'code'], ['client_id', resolved.clientId])
  if (options.redirectUri) params.push(['redirect_uri', options.redirectUri])
  if (resolved.scope.length) params.push(['scope', resolved.scope.join(resolved.scopeSeparator)])
  params.push(['state', state])
  if (codeVerifier)
    params.push(['code_challenge', codeChallengeS256(codeVerifier)], ['code_challenge_method', 'S256'])
  if (nonce) params.push(['nonce', nonce])
  if (responseMode !== 'query') params.push(['response_mode', responseMode])
  return {
    endpoint: resolved.authorizeUrl,
    clientId: resolved.clientId,
    params,
    state,
    codeVerifier,
    nonce,
    redirectUri: options.redirectUri,
    responseMode,
  }
}

/** The authorize URL the browser opens: the endpoint with the parameters set in its query. */
export function authorizeUrl(endpoint: string, params: Array<[string, string]>): string {
  const url = new URL(endpoint)
  for (const [name, value] of params) url.searchParams.set(name, value)
  return url.toString()
}
