import { timingSafeEqual } from 'node:crypto'
import {
  ERR_AUTHORIZATION_DENIED,
  ERR_INTEGRATION_INCOMPLETE,
  ERR_ISSUER_MISMATCH,
  ERR_REDIRECT_MISMATCH,
  ERR_SIGN_IN_ALREADY_COMPLETED,
  ERR_STATE_MISMATCH,
} from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { ResolvedIntegration } from '../../integration/resolve'
import { codeChallengeS256, randomToken } from './pkce'

export type ResponseMode = 'query' | 'fragment' | 'form_post'

/** What the provider's discovery document says about authorization responses, when there is one. */
export interface SignInProviderMetadata {
  issuer?: string
  /** RFC 9207 §3: the provider puts `iss` in every authorization response. */
  authorization_response_iss_parameter_supported?: boolean
}

/** How the redirect reached TokenDesk: its URL, and for form_post the posted form body. */
export interface RedirectArrival {
  url: string
  /** application/x-www-form-urlencoded body: a form_post response, or a fragment relayed by the loopback page. */
  formBody?: string
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

export interface SignInOptions {
  /**
   * Where the provider sends the user back: the loopback listener's URI or the integration's own.
   * Absent for out-of-band flows where the provider shows a PIN or code to paste (AffinityLive).
   */
  redirectUri?: string
  responseMode?: ResponseMode
  /** Extra authorize parameters from the integration (prompt, audience, resource, login_hint…). */
  extraParams?: Record<string, string>
  metadata?: SignInProviderMetadata
}

/** Parameters the attempt owns: extra parameters may not override them. */
const OWN_PARAMS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'response_mode',
])

/**
 * One sign-in (RFC 6749 §4.1 with PKCE, RFC 7636, and OpenID Connect's nonce): builds the authorize
 * request and reads the answer. It knows nothing of windows or browsers: the embedded window, the
 * loopback listener and a pasted address all feed it URLs.
 */
export function startSignIn(resolved: ResolvedIntegration, options: SignInOptions): SignInAttempt {
  if (!resolved.authorizeUrl)
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'Fill in the Authorize URL (or the Issuer, to discover it).',
      {
        field: 'authorizeUrl',
      },
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

  const url = new URL(resolved.authorizeUrl)
  for (const [name, value] of Object.entries(options.extraParams ?? {}))
    if (!OWN_PARAMS.has(name)) url.searchParams.set(name, value)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', resolved.clientId)
  if (options.redirectUri) url.searchParams.set('redirect_uri', options.redirectUri)
  if (resolved.scope.length) url.searchParams.set('scope', resolved.scope.join(resolved.scopeSeparator))
  url.searchParams.set('state', state)
  if (codeVerifier) {
    url.searchParams.set('code_challenge', codeChallengeS256(codeVerifier))
    url.searchParams.set('code_challenge_method', 'S256')
  }
  if (nonce) url.searchParams.set('nonce', nonce)
  if (responseMode !== 'query') url.searchParams.set('response_mode', responseMode)

  const expectedIssuer = options.metadata?.issuer
  const issuerRequired = options.metadata?.authorization_response_iss_parameter_supported === true
  let finished = false

  // A failed check refuses the answer (fails closed) but leaves the attempt open: a wrong paste can be
  // corrected, and state is 256 random bits. The listener and the embedded window take one answer only.
  const fail = (error: TokenDeskError): never => {
    throw error
  }

  return {
    authorizeUrl: url.toString(),
    redirectUri: options.redirectUri,
    responseMode,
    get finished() {
      return finished
    },
    pkce: { codeVerifier, nonce, redirectUri: options.redirectUri },
    recognizes: (candidate) =>
      options.redirectUri !== undefined && isRedirectTarget(candidate, options.redirectUri),
    complete(arrival) {
      if (finished)
        throw new TokenDeskError(
          ERR_SIGN_IN_ALREADY_COMPLETED,
          'This sign-in already ended; a second answer from the provider was ignored. Start a new sign-in if you need another token.',
        )
      if (options.redirectUri && !isRedirectTarget(arrival.url, options.redirectUri))
        fail(
          new TokenDeskError(
            ERR_REDIRECT_MISMATCH,
            `The provider sent you back to ${describeEndpoint(arrival.url)}, not to the Redirect URI ${options.redirectUri}. Check the Redirect URI registered with the provider.`,
            { field: 'redirectUri' },
          ),
        )
      const params = responseParameters(arrival, responseMode)
      const returnedState = params.get('state')
      if (returnedState === null)
        fail(
          new TokenDeskError(
            ERR_STATE_MISMATCH,
            'The provider sent no "state" back, so this answer cannot be tied to this sign-in. Nothing was redeemed; start again.',
          ),
        )
      if (!sameString(returnedState!, state))
        fail(
          new TokenDeskError(
            ERR_STATE_MISMATCH,
            'The "state" that came back is not the one TokenDesk sent: this answer belongs to another sign-in (or was tampered with). Nothing was redeemed; start again.',
          ),
        )
      checkIssuer(params.get('iss'), expectedIssuer, issuerRequired, fail)
      const error = params.get('error')
      if (error !== null) {
        const description = params.get('error_description')
        const uri = params.get('error_uri')
        finished = true // the provider said no: this attempt is over
        fail(
          new TokenDeskError(
            ERR_AUTHORIZATION_DENIED,
            `The provider answered "${error}"${description ? `: ${description}` : ''}.${uri ? ` More: ${uri}` : ''}`,
            { details: { error, error_description: description, error_uri: uri } },
          ),
        )
      }
      const code = params.get('code')
      if (!code)
        fail(
          new TokenDeskError(
            ERR_AUTHORIZATION_DENIED,
            'The provider’s answer carried neither a code nor an error.',
          ),
        )
      finished = true
      return { code: code!, codeVerifier, redirectUri: options.redirectUri, nonce }
    },
  }
}

/** RFC 9207 §2.4: a present `iss` must equal the issuer; a provider that promises it must send it. */
function checkIssuer(
  iss: string | null,
  expected: string | undefined,
  required: boolean,
  fail: (error: TokenDeskError) => never,
): void {
  if (iss === null) {
    if (required)
      fail(
        new TokenDeskError(
          ERR_ISSUER_MISMATCH,
          'The provider promises an "iss" in its answers (RFC 9207) but sent none: the answer may come from another provider. Nothing was redeemed; start again.',
        ),
      )
    return
  }
  if (expected !== undefined && iss !== expected)
    fail(
      new TokenDeskError(
        ERR_ISSUER_MISMATCH,
        `The answer says it comes from "${iss}", but this sign-in went to "${expected}" (RFC 9207 mix-up defence). Nothing was redeemed.`,
        { details: { iss, expected } },
      ),
    )
}

/**
 * Where the answer's parameters are: the posted form (form_post, or a fragment the loopback page
 * relayed), the fragment, or the query.
 */
function responseParameters(arrival: RedirectArrival, mode: ResponseMode): URLSearchParams {
  if (arrival.formBody !== undefined) return new URLSearchParams(arrival.formBody)
  const url = new URL(arrival.url)
  if (mode === 'fragment' || (!url.search && url.hash)) return new URLSearchParams(url.hash.slice(1))
  return url.searchParams
}

/** True when `candidate` is where the provider sends the user back: same scheme, host, port and path. */
export function isRedirectTarget(candidate: string, redirectUri: string): boolean {
  let got: URL
  let expected: URL
  try {
    got = new URL(candidate)
    expected = new URL(redirectUri)
  } catch {
    return false
  }
  // Exact, port included: the authorize request named this very URI (for loopback, with the port the
  // listener got — RFC 8252 §7.3 lets the provider accept any port, not the answer come back on another).
  return (
    got.protocol === expected.protocol &&
    got.hostname === expected.hostname &&
    got.port === expected.port &&
    got.pathname === expected.pathname
  )
}

function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return 'an address that is not a URL'
  }
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
