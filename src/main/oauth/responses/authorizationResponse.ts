import { timingSafeEqual } from 'node:crypto'
import {
  ERR_AUTHORIZATION_DENIED,
  ERR_ISSUER_MISMATCH,
  ERR_REDIRECT_MISMATCH,
  ERR_STATE_MISMATCH,
} from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { ResponseMode } from '../requests/authorizeUrl'

/** How the redirect reached TokenDesk: its URL, and for form_post the posted form body. */
export interface RedirectArrival {
  url: string
  /** application/x-www-form-urlencoded body: a form_post response, or a fragment relayed by the loopback page. */
  formBody?: string
}

/** What the answer to one authorization request must match. */
export interface AuthorizationExpectations {
  state: string
  redirectUri?: string
  responseMode: ResponseMode
  /** The provider's issuer from discovery (RFC 9207). */
  issuer?: string
  /** The provider promises `iss` in every answer (RFC 9207 §3). */
  issuerRequired: boolean
}

/**
 * The provider's answer read (RFC 6749 §4.1.2, RFC 9207): the code, or why there is none. A problem
 * is a coded TokenDeskError; `ends` says the provider itself refused, so the attempt is over.
 */
export type AuthorizationAnswer =
  { ok: true; code: string } | { ok: false; problem: TokenDeskError; ends: boolean }

/**
 * Checks the redirect target, `state` compared in constant time (fails closed), `iss` per RFC 9207,
 * `error` reported as the provider stated it, then takes the code.
 */
export function processAuthorizationResponse(
  arrival: RedirectArrival,
  expected: AuthorizationExpectations,
): AuthorizationAnswer {
  const refuse = (problem: TokenDeskError, ends = false): AuthorizationAnswer => ({
    ok: false,
    problem,
    ends,
  })
  if (expected.redirectUri && !isRedirectTarget(arrival.url, expected.redirectUri))
    return refuse(
      new TokenDeskError(
        ERR_REDIRECT_MISMATCH,
        `The provider sent you back to ${describeEndpoint(arrival.url)}, not to the Redirect URI ${expected.redirectUri}. Check the Redirect URI registered with the provider.`,
        { field: 'redirectUri' },
      ),
    )
  const params = responseParameters(arrival, expected.responseMode)
  const returnedState = params.get('state')
  if (returnedState === null)
    return refuse(
      new TokenDeskError(
        ERR_STATE_MISMATCH,
        'The provider sent no "state" back, so this answer cannot be tied to this sign-in. Nothing was redeemed; start again.',
      ),
    )
  if (!sameString(returnedState, expected.state))
    return refuse(
      new TokenDeskError(
        ERR_STATE_MISMATCH,
        'The "state" that came back is not the one TokenDesk sent: this answer belongs to another sign-in (or was tampered with). Nothing was redeemed; start again.',
      ),
    )
  const issuerProblem = checkIssuer(params.get('iss'), expected.issuer, expected.issuerRequired)
  if (issuerProblem) return refuse(issuerProblem)
  const error = params.get('error')
  if (error !== null) {
    const description = params.get('error_description')
    const uri = params.get('error_uri')
    return refuse(
      new TokenDeskError(
        ERR_AUTHORIZATION_DENIED,
        `The provider answered "${error}"${description ? `: ${description}` : ''}.${uri ? ` More: ${uri}` : ''}`,
        { details: { error, error_description: description, error_uri: uri } },
      ),
      true, // the provider said no: this attempt is over
    )
  }
  const code = params.get('code')
  if (!code)
    return refuse(
      new TokenDeskError(
        ERR_AUTHORIZATION_DENIED,
        'The provider’s answer carried neither a code nor an error.',
      ),
    )
  return { ok: true, code }
}

/** RFC 9207 §2.4: a present `iss` must equal the issuer; a provider that promises it must send it. */
function checkIssuer(
  iss: string | null,
  expected: string | undefined,
  required: boolean,
): TokenDeskError | undefined {
  if (iss === null)
    return required
      ? new TokenDeskError(
          ERR_ISSUER_MISMATCH,
          'The provider promises an "iss" in its answers (RFC 9207) but sent none: the answer may come from another provider. Nothing was redeemed; start again.',
        )
      : undefined
  if (expected !== undefined && iss !== expected)
    return new TokenDeskError(
      ERR_ISSUER_MISMATCH,
      `The answer says it comes from "${iss}", but this sign-in went to "${expected}" (RFC 9207 mix-up defence). Nothing was redeemed.`,
      { details: { iss, expected } },
    )
  return undefined
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
