import type { TokenSet } from '../../../shared/token'
import type { HttpResponse } from '../../http/transport'
import { parseJsonObject } from '../../http/json'
import { tryDecodeJwt } from '../../jwt/decode'
import {
  ID_TOKEN_NONCE_MISMATCH,
  ID_TOKEN_NONCE_MISSING,
  MISSING_ACCESS_TOKEN,
  problem,
  RESPONSE_IS_HTML,
  RESPONSE_NOT_JSON,
  type Processed,
} from './problems'

export interface IssuedToken {
  token: TokenSet
  jwt: { header: Record<string, unknown>; payload: Record<string, unknown> } | null
  /** Off-standard details of the answer, each with its consequence. */
  warnings: string[]
}

/**
 * Checks a 2xx token response (RFC 6749 §5.1) the way real vendors send them: token_type in any case
 * or missing, expires_in as a number or a string or missing, extra fields kept. Only what makes the
 * response unusable (no JSON, no access_token) fails; everything else off-standard is a warning.
 */
export function processTokenResponse(
  response: HttpResponse,
  requestedScope: string[],
  separator: ' ' | ',',
  nowMs: number,
  expectedNonce?: string,
): Processed<IssuedToken> {
  const warnings: string[] = []
  const { status } = response
  const body = parseJsonObject(response.body)
  if (!body) {
    return /^\s*</.test(response.body)
      ? problem(
          RESPONSE_IS_HTML,
          'The server answered with an HTML page instead of a JSON token response.',
          status,
        )
      : problem(RESPONSE_NOT_JSON, 'The response is not a JSON object.', status)
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    return problem(MISSING_ACCESS_TOKEN, 'The response has no "access_token".', status, body)
  }
  if (response.status !== 200)
    warnings.push(`The token endpoint answered ${response.status} instead of 200 (RFC 6749 §5.1).`)
  const contentType = header(response, 'content-type') ?? ''
  if (!/json/i.test(contentType))
    warnings.push(`The response is JSON but its Content-Type says "${contentType || 'nothing'}".`)
  checkCaching(response, warnings)

  const token: TokenSet = { ...body, access_token: body.access_token }
  checkTokenType(body.token_type, warnings)
  const jwt = tryDecodeJwt(body.access_token)
  const expiresIn = readExpiresIn(body.expires_in, warnings)
  const expFromJwt = jwt ? readJwtExpiry(jwt.payload.exp, warnings) : undefined
  if (expiresIn !== undefined) {
    token.expires_in = expiresIn
    token.expires_at = new Date(nowMs + expiresIn * 1000).toISOString()
  } else if (expFromJwt !== undefined) {
    token.expires_at = expFromJwt
    warnings.push('No "expires_in" in the response; the expiry comes from the token’s own "exp" claim.')
  } else {
    warnings.push(
      'No "expires_in" in the response: TokenDesk cannot tell when the token expires and will reuse it until the API answers 401.',
    )
  }
  checkScope(body.scope, requestedScope, separator, warnings)
  const nonceProblem = expectedNonce ? checkNonce(body.id_token, expectedNonce) : undefined
  if (nonceProblem) return problem(nonceProblem.code, nonceProblem.message, status, body)
  return { ok: true, value: { token, jwt, warnings } }
}

function header(response: HttpResponse, name: string): string | undefined {
  return response.headers.find(([each]) => each.toLowerCase() === name)?.[1]
}

function checkTokenType(tokenType: unknown, warnings: string[]): void {
  if (tokenType === undefined) {
    warnings.push('No "token_type" in the response (RFC 6749 §5.1 requires it); TokenDesk assumes Bearer.')
  } else if (typeof tokenType !== 'string') {
    warnings.push(`"token_type" should be text; it is ${JSON.stringify(tokenType)}.`)
  } else if (!['bearer', 'dpop', 'n_a'].includes(tokenType.toLowerCase())) {
    warnings.push(`Unusual token_type "${tokenType}": TokenDesk will still send it as a Bearer token.`)
  }
}

/**
 * Longest lifetime taken at its word: 100 years. "Never expires" tokens say 2^31-1 s (68 years);
 * beyond this a value (1e300, 9e12) is a vendor bug, and past year 275760 no Date can even hold it.
 */
export const MAX_PLAUSIBLE_LIFETIME_SECONDS = 100 * 365 * 24 * 3600

function readExpiresIn(value: unknown, warnings: string[]): number | undefined {
  if (value === undefined || value === null) return undefined
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : NaN
  if (!Number.isFinite(seconds) || seconds < 0) {
    warnings.push(`"expires_in" is ${quoted(value)}, which is not a number of seconds; ignored.`)
    return undefined
  }
  if (seconds > MAX_PLAUSIBLE_LIFETIME_SECONDS) {
    warnings.push(
      `"expires_in" is ${quoted(value)} seconds, more than 100 years: TokenDesk treats the expiry as unknown and will reuse the token until the API answers 401.`,
    )
    return undefined
  }
  if (typeof value === 'string')
    warnings.push(`"expires_in" is the text "${value}" rather than a number; read as ${seconds} seconds.`)
  return seconds
}

/** RFC 7519 §4.1.4 `exp` as an ISO time, when it is a number a Date can hold. */
function readJwtExpiry(exp: unknown, warnings: string[]): string | undefined {
  if (typeof exp !== 'number') return undefined
  const date = new Date(exp * 1000)
  if (Number.isNaN(date.getTime())) {
    warnings.push(`The token’s "exp" claim (${exp}) is beyond any representable date; it was ignored.`)
    return undefined
  }
  return date.toISOString()
}

/** A vendor value quoted for a warning, cut short: a 16 MiB string is not a message. */
function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

function checkCaching(response: HttpResponse, warnings: string[]): void {
  const cacheControl = header(response, 'cache-control') ?? ''
  if (!/no-store/i.test(cacheControl)) {
    warnings.push(
      'The response lacks "Cache-Control: no-store" (RFC 6749 §5.1): proxies could keep a copy of the token.',
    )
  }
}

function checkScope(granted: unknown, requested: string[], separator: ' ' | ',', warnings: string[]): void {
  if (typeof granted !== 'string' || requested.length === 0) return
  const grantedScopes = granted.split(/[\s,]+/).filter(Boolean)
  const missing = requested.filter((scope) => !grantedScopes.includes(scope))
  if (missing.length)
    warnings.push(
      `Asked for ${requested.join(separator)} but was granted ${granted || 'no scope'}: missing ${missing.join(', ')}.`,
    )
}

/**
 * OIDC Core §3.1.3.7 (11): when a nonce was sent, the ID token must carry the same one — otherwise it
 * may be a token replayed from another sign-in.
 */
function checkNonce(
  idToken: unknown,
  expected: string,
): { code: typeof ID_TOKEN_NONCE_MISSING | typeof ID_TOKEN_NONCE_MISMATCH; message: string } | undefined {
  if (typeof idToken !== 'string') return undefined // no ID token (e.g. no openid scope granted): nothing to bind
  const nonce = tryDecodeJwt(idToken)?.payload.nonce
  if (nonce === undefined)
    return {
      code: ID_TOKEN_NONCE_MISSING,
      message:
        'The ID token carries no "nonce", though one was sent: it cannot be tied to this sign-in. Start again.',
    }
  if (nonce !== expected)
    return {
      code: ID_TOKEN_NONCE_MISMATCH,
      message:
        'The ID token’s "nonce" is not the one TokenDesk sent: it belongs to another sign-in. Start again.',
    }
  return undefined
}
