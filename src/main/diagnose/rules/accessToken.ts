/** Rules about an access token an API refused: expired, not yet valid, sent wrongly. */
import { formatDuration } from '../../../shared/time'
import { blamesGatewayKey, errorIs, isAuthFailure, type HintRule } from './hintRule'

/** Clock differences below this are normal; JWT libraries allow about a minute of leeway. */
const TOLERATED_SKEW_SECONDS = 60

export const clockSkew: HintRule = (evidence, context) => {
  if (!isAuthFailure(evidence)) return null
  const sentAt = evidence.sentAtMs / 1000
  const nbf = context.tokenTimes?.nbf
  const skew = context.clockSkewSeconds
  const sentences: string[] = []
  if (nbf !== undefined && nbf > sentAt) {
    sentences.push(
      `Clock skew: the token’s nbf (not valid before) is ${formatDuration(Math.round(nbf - sentAt))} in the future by this computer’s clock, so this computer’s clock is probably behind the vendor’s.`,
    )
  }
  if (skew !== undefined && Math.abs(skew) > TOLERATED_SKEW_SECONDS) {
    sentences.push(
      `${sentences.length ? 'Your' : 'Clock skew: your'} clock also differs from the server’s by ${formatDuration(Math.abs(skew))} (the server is ${skew > 0 ? 'ahead' : 'behind'}), so tokens can look expired or not yet valid.`,
    )
  }
  if (!sentences.length) return null
  return {
    code: 'clock-skew',
    message: `${sentences.join(' ')} Set this computer’s clock to update automatically.`,
  }
}

/** RFC 6750 §3.1: invalid_token on an API call. The engine renews the token and retries once. */
export const expiredToken: HintRule = (evidence, context) => {
  if (context.purpose !== 'api' || evidence.status !== 401 || !errorIs(evidence, 'invalid_token')) return null
  const exp = context.tokenTimes?.exp
  const sentAt = evidence.sentAtMs / 1000
  const state =
    exp !== undefined && exp <= sentAt
      ? `expired ${formatDuration(Math.round(sentAt - exp))} before this call`
      : 'has expired or was revoked'
  return {
    code: 'expired-token',
    message: `The access token ${state}. TokenDesk gets a fresh token and retries once by itself; if the retry is refused too, check that the API URL belongs to the same vendor environment as the Token URL.`,
  }
}

export const tokenNotAccepted: HintRule = (evidence, context) => {
  if (
    context.purpose !== 'api' ||
    evidence.status !== 401 ||
    errorIs(evidence, 'invalid_token') ||
    blamesGatewayKey(evidence)
  ) {
    return null
  }
  return {
    code: 'token-not-accepted',
    message:
      'The API refused the request’s credentials. Check that the token goes where the API expects it (the Authorization: Bearer header, or a query parameter such as AffinityLive’s _bearer_token), that the API URL is for the same environment as the Token URL, and any extra header the API needs.',
  }
}

/** Scopes named in a hint: enough to recognise, never a wall of text. */
const MAX_NAMED_SCOPES = 10

/**
 * A 403 from an API, explained with what TokenDesk knows of the token it sent: many APIs answer an
 * expired or under-scoped token with a bare 403 rather than RFC 6750's 401 invalid_token or
 * 403 insufficient_scope (which insufficientScope explains).
 */
export const forbiddenToken: HintRule = (evidence, context) => {
  if (context.purpose !== 'api' || evidence.status !== 403) return null
  if (errorIs(evidence, 'insufficient_scope', 'invalid_scope')) return null
  const sentAt = evidence.sentAtMs / 1000
  const exp = context.tokenTimes?.exp
  if (exp !== undefined && exp <= sentAt) {
    return {
      code: 'forbidden-expired-token',
      message: `The access token had expired ${formatDuration(Math.round(sentAt - exp))} before this call (by its expiry time), and some APIs refuse an expired token with 403 instead of 401: get a new token and call again.`,
    }
  }
  const granted = context.grantedScopes
  if (!granted) return null
  const missing = context.requestedScopes.filter((scope) => !granted.includes(scope))
  if (missing.length) {
    return {
      code: 'forbidden-scope-not-granted',
      message: `The vendor did not grant ${scopeNames(missing)} that the integration asks for (the token has ${granted.length ? scopeNames(granted) : 'no scope'}): if this call needs ${missing.length > 1 ? 'one of them' : 'it'}, declare it for the client in the vendor’s portal and get a new token.`,
    }
  }
  const validity =
    exp === undefined ? '' : `is still valid (${formatDuration(Math.round(exp - sentAt))} left) and `
  return {
    code: 'forbidden-token-scopes',
    message: `The access token ${validity}carries ${granted.length ? scopeNames(granted) : 'no scope'}. If this call needs another scope, add it to the integration’s scopes and get a new token; otherwise the API does not let this client do this call.`,
  }
}

function scopeNames(scopes: string[]): string {
  const named = scopes.slice(0, MAX_NAMED_SCOPES).map((scope) => `"${scope.slice(0, 100)}"`)
  const more = scopes.length > MAX_NAMED_SCOPES ? ` and ${scopes.length - MAX_NAMED_SCOPES} more` : ''
  return `the ${scopes.length === 1 ? 'scope' : 'scopes'} ${named.join(', ')}${more}`
}
