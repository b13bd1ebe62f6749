/** Rules about the grant: codes, refresh tokens, user and partner credentials, grant types, the device flow. */
import type { DiagnosisContext } from '../context'
import { listWords, vendorsPortal, who } from '../wording'
import { errorIs, mentions, sentGrant, type HintRule } from './hintRule'
import { ownValue } from '../../../shared/own'

/** Grants and parameters of the standard (RFC 6749, 8693, 7523) requests; what is left are a custom grant's own fields. */
const STANDARD_PARAMS = new Set([
  'grant_type',
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'scope',
  'redirect_uri',
  'code',
  'code_verifier',
  'refresh_token',
  'username',
  'password',
  'device_code',
  'resource',
  'audience',
  // RFC 8693 §2.1 and RFC 7523 §2.1: the token exchange and JWT bearer grants' own rules explain these.
  'subject_token',
  'subject_token_type',
  'actor_token',
  'actor_token_type',
  'requested_token_type',
  'assertion',
])

export const redirectUriMismatch: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'invalid_grant', 'invalid_request') || !mentions(evidence, /redirect/)) return null
  const sent = context.redirectUri ? ` sent (${context.redirectUri})` : ''
  return {
    code: 'redirect-uri-mismatch',
    message: `The redirect_uri${sent} differs from the registered one, or from the one used in the authorization request. It must match exactly: scheme, host, port, path and trailing slash.`,
  }
}

/** RFC 6749 §4.1.2: a code is single-use and short-lived (10 minutes at most), and bound to its redirect_uri (§4.1.3). */
export const authorizationCodeRefused: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'invalid_grant') || sentGrant(evidence, context) !== 'authorization_code')
    return null
  return {
    code: 'redirect-uri-mismatch',
    message:
      'The authorization code was refused: a code works only once and expires within minutes, and the redirect_uri must be exactly the one used when signing in. Sign in again to get a fresh code.',
  }
}

/**
 * A refresh token cannot renew itself: the way out of a dead one is a new sign-in or the vendor.
 * What happened comes from what TokenDesk kept of the integration's refresh tokens (RFC 9700 §4.14.2:
 * a rotating vendor accepts each once, and may revoke the whole family when an old one comes back).
 */
export const refreshTokenRefused: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'invalid_grant') || sentGrant(evidence, context) !== 'refresh_token') return null
  return {
    code: 'refresh-token-refused',
    message: `${whatHappened(context.refreshTokenFate)} ${SIGN_IN_AGAIN}`,
  }
}

const SIGN_IN_AGAIN =
  'To get a working one, sign in again with the authorization-code flow (or the grant that first gave you a refresh token), or ask the vendor for a new refresh token, and paste it in Refresh token.'

function whatHappened(fate: DiagnosisContext['refreshTokenFate']): string {
  switch (fate?.fate) {
    case 'replaced':
      return `This refresh token was replaced by a newer one on ${when(fate.at)}: the vendor rotates refresh tokens and accepts each one once, so an old copy (pasted, or kept elsewhere) cannot work; TokenDesk renews with the newest one it kept.`
    case 'refused':
      return `The vendor already refused this refresh token on ${when(fate.at)}: it stays dead.`
    case 'current':
      return `The vendor no longer accepts the refresh token it gave on ${when(fate.receivedAt)}: it was revoked, it expired, or another copy of it was used first (a vendor that rotates accepts each refresh token once, so two apps or machines sharing one lock each other out).`
    default:
      return 'The refresh token was refused: it has expired, was revoked, or was already used (vendors that rotate refresh tokens accept each one once).'
  }
}

/** "2026-11-24 10:00 UTC": a date the user can compare with what they did. */
function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`
}

/** invalid_grant on a password or custom grant: the user's or partner's own credentials, not the client's. */
export const grantCredentialsRefused: HintRule = (evidence, context) => {
  const grant = sentGrant(evidence, context)
  if (!errorIs(evidence, 'invalid_grant') || ['authorization_code', 'refresh_token'].includes(grant))
    return null
  const own = [...new Set(evidence.sentParams.keys())].filter((name) => !STANDARD_PARAMS.has(name))
  const fields = grant === 'password' ? ['username', 'password'] : own
  if (!fields.length) return null
  return {
    code: 'grant-credentials-refused',
    message: `The client was accepted, but the "${grant}" grant’s own credentials were refused: check ${listWords(fields)} (copied without quotes or spaces, for the right environment).`,
  }
}

export const unsupportedGrant: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'unsupported_grant_type')) return null
  const grant = sentGrant(evidence, context)
  const name = who(context)
  if (grant === 'refresh_token') {
    return {
      code: 'unsupported-grant',
      message: `${name} does not accept refresh tokens at this endpoint: TokenDesk asks for a new token with the integration’s grant instead.`,
    }
  }
  const allowed = context.preset?.id.startsWith('autovit')
    ? ' Autovit allows only "password" and "partner".'
    : ' Check the grant type against the vendor’s documentation, and that the Token URL is the token endpoint.'
  return {
    code: 'unsupported-grant',
    message: `The server does not accept the grant "${grant}" at this endpoint.${allowed}`,
  }
}

export const unauthorizedClient: HintRule = (evidence, context) => {
  if (!errorIs(evidence, 'unauthorized_client')) return null
  return {
    code: 'unauthorized-client',
    message: `This client is not allowed to use the "${sentGrant(evidence, context)}" grant: enable that grant for the client in ${vendorsPortal(context)}, or use the grant the vendor set up for it.`,
  }
}

const DEVICE_ADVICE: Record<string, string> = {
  authorization_pending:
    'Not a failure: the user has not approved the device yet. Keep the code on screen, let them finish signing in, and poll again after the interval.',
  slow_down:
    'The token endpoint was polled too often: poll less often, adding 5 seconds to the interval (RFC 8628 §3.5).',
  access_denied:
    'The user declined the request on the consent screen: ask them to approve it, or check with their administrator.',
  expired_token:
    'The device code expired before the user approved it: start the device sign-in again and approve it sooner.',
}

export const deviceFlow: HintRule = (evidence) => {
  const advice = evidence.error && ownValue(DEVICE_ADVICE, evidence.error.toLowerCase())
  return advice ? { code: 'device-flow', message: advice } : null
}
