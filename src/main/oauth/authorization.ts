import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  ERR_AUTHORIZATION_DENIED,
  ERR_INTEGRATION_INCOMPLETE,
  ERR_REDIRECT_MISMATCH,
  ERR_STATE_MISMATCH,
} from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'
import type { ResolvedIntegration } from '../integration/resolve'

/** What the consent step must remember between opening the authorize page and reading the redirect. */
export interface AuthorizationSession {
  authorizeUrl: string
  state: string
  nonce?: string
  codeVerifier?: string
  redirectUri?: string
}

/** RFC 7636 §4.1: 32 random bytes, base64url → 43 characters. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

/** RFC 7636 §4.2: S256 challenge. */
export const codeChallengeS256 = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url')

/**
 * Builds the authorize URL (RFC 6749 §4.1.1) with a fresh state always, PKCE S256 unless turned off,
 * and a nonce when OpenID scopes are asked for.
 */
export function startAuthorization(resolved: ResolvedIntegration): AuthorizationSession {
  if (!resolved.authorizeUrl) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'Fill in the authorize URL (or the issuer, to discover it).',
      { field: 'authorizeUrl' },
    )
  }
  if (!resolved.clientId) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'Fill in the client ID: the authorize page needs it.',
      { field: 'clientId' },
    )
  }
  const session: AuthorizationSession = {
    authorizeUrl: '',
    state: randomToken(),
    redirectUri: resolved.redirectUri,
  }
  const url = new URL(resolved.authorizeUrl)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', resolved.clientId)
  if (resolved.redirectUri) url.searchParams.set('redirect_uri', resolved.redirectUri)
  if (resolved.scope.length) url.searchParams.set('scope', resolved.scope.join(resolved.scopeSeparator))
  url.searchParams.set('state', session.state)
  if (resolved.pkce) {
    session.codeVerifier = randomToken()
    url.searchParams.set('code_challenge', codeChallengeS256(session.codeVerifier))
    url.searchParams.set('code_challenge_method', 'S256')
  }
  if (resolved.scope.includes('openid')) {
    session.nonce = randomToken()
    url.searchParams.set('nonce', session.nonce)
  }
  session.authorizeUrl = url.toString()
  return session
}

/** True when `candidate` is where the vendor sends the user back: same scheme, host, port and path. */
export function isRedirectTarget(candidate: string, redirectUri: string): boolean {
  try {
    const got = new URL(candidate)
    const expected = new URL(redirectUri)
    // RFC 8252 §7.3: a loopback redirect may come back on any port.
    const loopback = expected.hostname === '127.0.0.1' || expected.hostname === '[::1]'
    return (
      got.protocol === expected.protocol &&
      got.hostname === expected.hostname &&
      (loopback || got.port === expected.port) &&
      got.pathname === expected.pathname
    )
  } catch {
    return false
  }
}

/**
 * Reads the redirect back from the vendor (RFC 6749 §4.1.2): the state must equal ours exactly
 * (compared in constant time), an error is reported as the vendor stated it, else the code.
 */
export function completeAuthorization(session: AuthorizationSession, callbackUrl: string): { code: string } {
  if (session.redirectUri && !isRedirectTarget(callbackUrl, session.redirectUri)) {
    throw new TokenDeskError(
      ERR_REDIRECT_MISMATCH,
      `The page returned to ${new URL(callbackUrl).origin}, not to the redirect URI ${session.redirectUri}.`,
      { field: 'redirectUri' },
    )
  }
  const params = new URL(callbackUrl).searchParams
  const state = params.get('state') ?? ''
  if (!sameString(state, session.state)) {
    throw new TokenDeskError(
      ERR_STATE_MISMATCH,
      state
        ? 'The "state" that came back is not the one TokenDesk sent: this answer belongs to another sign-in attempt. Start again.'
        : 'The vendor sent no "state" back. Start again; if it persists, the vendor ignores state.',
    )
  }
  const error = params.get('error')
  if (error) {
    const description = params.get('error_description')
    throw new TokenDeskError(
      ERR_AUTHORIZATION_DENIED,
      `The vendor answered "${error}"${description ? `: ${description}` : ''}.`,
      { details: { error, description } },
    )
  }
  const code = params.get('code')
  if (!code)
    throw new TokenDeskError(ERR_AUTHORIZATION_DENIED, 'The redirect carried neither a code nor an error.')
  return { code }
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
