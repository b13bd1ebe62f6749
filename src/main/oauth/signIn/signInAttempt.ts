import { ERR_SIGN_IN_ALREADY_COMPLETED } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { ResolvedIntegration } from '../../integration/resolve'
import {
  authorizationRequest,
  authorizeUrl,
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  type ResponseMode,
} from '../requests/authorizeUrl'
import {
  isRedirectTarget,
  processAuthorizationResponse,
  type RedirectArrival,
} from '../responses/authorizationResponse'

export type { ResponseMode, RedirectArrival }
export { isRedirectTarget }

/** What the provider's discovery document says about authorization responses, when there is one. */
export interface SignInProviderMetadata {
  issuer?: string
  /** RFC 9207 §3: the provider puts `iss` in every authorization response. */
  authorization_response_iss_parameter_supported?: boolean
}

export interface SignInCode {
  code: string
  codeVerifier?: string
  redirectUri?: string
  nonce?: string
}

export interface SignInAttempt {
  readonly authorizeUrl: string
  readonly redirectUri?: string
  readonly responseMode: ResponseMode
  /** Exact scheme, host, port and path of the redirect URI sent on the authorize request. */
  recognizes(url: string): boolean
  /**
   * Reads the provider's answer: state compared in constant time (fails closed), `iss` checked per
   * RFC 9207, `error` reported as the provider stated it; the code is handed over exactly once.
   */
  complete(arrival: RedirectArrival): SignInCode
  /** True once a code was handed over, or the provider answered with an error. */
  readonly finished: boolean
  /** What redeeming a code pasted on its own needs (the PIN flow): the verifier stays in main. */
  readonly pkce: Omit<SignInCode, 'code'>
}

export interface SignInOptions extends AuthorizationRequestOptions {
  metadata?: SignInProviderMetadata
}

/**
 * One sign-in (RFC 6749 §4.1 with PKCE, RFC 7636, and OpenID Connect's nonce): builds the authorize
 * request and reads the answer. It knows nothing of windows or browsers: the embedded window, the
 * loopback listener and a pasted address all feed it URLs.
 */
export function startSignIn(resolved: ResolvedIntegration, options: SignInOptions): SignInAttempt {
  const request = authorizationRequest(resolved, options)
  return signInAttempt(request, authorizeUrl(request.endpoint, request.params), options.metadata)
}

/**
 * The attempt for an authorization request, opened at `url`: the full authorize URL, or with PAR
 * (RFC 9126 §4) only client_id and the request_uri the provider gave for the pushed parameters.
 */
export function signInAttempt(
  request: AuthorizationRequest,
  url: string,
  metadata: SignInProviderMetadata | undefined,
): SignInAttempt {
  const { codeVerifier, nonce, redirectUri, responseMode } = request
  const expectations = {
    state: request.state,
    redirectUri,
    responseMode,
    issuer: metadata?.issuer,
    issuerRequired: metadata?.authorization_response_iss_parameter_supported === true,
  }
  let finished = false
  return {
    authorizeUrl: url,
    redirectUri,
    responseMode,
    get finished() {
      return finished
    },
    pkce: { codeVerifier, nonce, redirectUri },
    recognizes: (candidate) => redirectUri !== undefined && isRedirectTarget(candidate, redirectUri),
    complete(arrival) {
      if (finished)
        throw new TokenDeskError(
          ERR_SIGN_IN_ALREADY_COMPLETED,
          'This sign-in already ended; a second answer from the provider was ignored. Start a new sign-in if you need another token.',
        )
      // A failed check refuses the answer (fails closed) but leaves the attempt open: a wrong paste can be
      // corrected, and state is 256 random bits. The listener and the embedded window take one answer only.
      const answer = processAuthorizationResponse(arrival, expectations)
      if (!answer.ok) {
        if (answer.ends) finished = true
        throw answer.problem
      }
      finished = true
      return { code: answer.code, codeVerifier, redirectUri, nonce }
    },
  }
}
