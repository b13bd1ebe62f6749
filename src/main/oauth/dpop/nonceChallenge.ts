import { parseChallenges } from '../../diagnose/wwwAuthenticate'

/** A response as the transport records it: status, headers in order, body text. */
export interface DpopResponse {
  status: number
  headers: ReadonlyArray<readonly [string, string]>
  body?: string | null
}

/** RFC 9449 §8.1: nonce = 1*NQCHAR (%x21 / %x23-5B / %x5D-7E); a sane bound on its length. */
const NONCE = /^[\x21\x23-\x5b\x5d-\x7e]{1,1024}$/
/** An error body or a challenge header this long is not one; it is not read. */
const MAX_BODY = 65_536
const MAX_CHALLENGE = 8_192

/**
 * The nonce a server asks DPoP proofs to carry (RFC 9449 §8, §9): a token endpoint's 400 with
 * `{"error": "use_dpop_nonce"}`, or a resource's 401 with `WWW-Authenticate: DPoP error="use_dpop_nonce"`,
 * each with a `DPoP-Nonce` header. Undefined when the response is not that challenge, or names no
 * usable nonce: then there is nothing to retry with.
 */
export function readDpopNonceChallenge(response: DpopResponse): string | undefined {
  const asked =
    (response.status === 400 && bodyError(response.body) === 'use_dpop_nonce') ||
    (response.status === 401 && challengeError(response.headers) === 'use_dpop_nonce')
  return asked ? readDpopNonce(response.headers) : undefined
}

/** The `DPoP-Nonce` header, when it holds a valid nonce; servers may send a fresh one on any answer (§8.2). */
export function readDpopNonce(headers: DpopResponse['headers']): string | undefined {
  const value = headerValues(headers, 'dpop-nonce')[0]?.trim()
  return value !== undefined && NONCE.test(value) ? value : undefined
}

function bodyError(body: string | null | undefined): string | undefined {
  if (!body || body.length > MAX_BODY) return undefined
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed !== 'object' || parsed === null || !Object.hasOwn(parsed, 'error')) return undefined
    const error: unknown = (parsed as { error: unknown }).error
    return typeof error === 'string' ? error : undefined
  } catch {
    return undefined
  }
}

function challengeError(headers: DpopResponse['headers']): string | undefined {
  const values = headerValues(headers, 'www-authenticate')
  if (values.join(', ').length > MAX_CHALLENGE) return undefined
  return parseChallenges(values).find((each) => /^dpop$/i.test(each.scheme))?.params.error
}

function headerValues(headers: DpopResponse['headers'], name: string): string[] {
  return headers.filter(([each]) => each.toLowerCase() === name).map(([, value]) => value)
}
