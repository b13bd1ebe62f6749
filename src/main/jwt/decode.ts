import { base64url, decodeJwt, decodeProtectedHeader } from 'jose'
import { ERR_JWT_MALFORMED } from '../../shared/errorCodes'
import type { ClaimTime, DecodedJwt } from '../../shared/jwt'
import { TokenDeskError } from '../errors'
import { isUnsignedAlg } from './checks/algNone'

const TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const
const PART_NAMES = ['header', 'payload', 'signature'] as const
const BASE64URL = /^[A-Za-z0-9_-]*$/
/** RFC 4648 §5 without padding: 4n+1 characters cannot encode whole bytes. */
const IMPOSSIBLE_LENGTH =
  'has one character too many or too few to be base64url (its length is 4n+1): a character was probably lost or added when copying.'

/**
 * Decodes a JWS-compact JWT without verifying it. jose does the decoding; the checks before it exist
 * so that a tester reads *which* part is wrong and why, not jose's generic "Invalid JWT".
 */
export function decodeToken(input: string): DecodedJwt {
  const warnings: string[] = []
  const found: PasteFound = {}
  const token = normaliseToken(input, warnings, found)
  const parts = token.split('.')
  assertStructure(parts)
  parts.slice(0, 2).forEach((part, index) => assertJsonObjectPart(part, PART_NAMES[index]!))
  if (!BASE64URL.test(parts[2]!))
    malformed('The signature (part 3) contains characters that are not base64url.')
  if (parts[2]!.length % 4 === 1) malformed(`The signature (part 3) ${IMPOSSIBLE_LENGTH}`)

  const header = decodeProtectedHeader(token) as Record<string, unknown>
  const payload = decodeJwt(token) as Record<string, unknown>
  const signatureBytes = parts[2] ? base64url.decode(parts[2]).byteLength : 0
  const times = readTimes(payload, warnings)
  const unsigned = isUnsignedAlg(String(header.alg))
  if (unsigned) {
    warnings.push('The header says alg "none": this token is unsigned and anyone could have written it.')
  }
  if (!('exp' in payload)) warnings.push('The token has no "exp" claim, so it never expires.')
  return { header, payload, times, signatureBytes, unsigned, ...found, warnings }
}

/** What a paste held besides the token; see normaliseToken. */
export interface PasteFound {
  extracted?: DecodedJwt['extracted']
}

/**
 * A token response is a few kilobytes (the IPC call allows 64 KiB); the cap bounds JSON.parse on
 * what the CLI reads from standard input. The other clean-ups are single linear passes.
 */
export const MAX_PASTE_CHARS = 256 * 1024

/**
 * Undoes what copying a token usually adds: a whole token response (RFC 6749 §5.1), an
 * "Authorization:" header line, a "Bearer " prefix, quotes, spaces and line breaks. Each clean-up is
 * reported in `warnings`, so the user learns what was pasted; `found` says which token was taken out.
 * Throws ERR_JWT_MALFORMED when the input is empty or only whitespace, or pasted JSON is beyond MAX_PASTE_CHARS.
 */
export function normaliseToken(input: string, warnings: string[], found: PasteFound = {}): string {
  let token = input.trim()
  if (token === '') malformed('Paste a token first: the field is empty.')
  if (token.startsWith('{')) token = tokenFromResponse(token, warnings, found)
  // Anchored, with one bounded run of blanks: linear on any paste.
  const headerLine = /^authorization[ \t]*:[ \t]*/i.exec(token)
  if (headerLine) {
    token = token.slice(headerLine[0].length)
    found.extracted = 'authorization-header'
    warnings.push('Took the token out of the pasted "Authorization: Bearer …" header line.')
  }
  // A header value copied from JSON or a HAR file comes quoted: "Bearer eyJ…". Keep the opening
  // quote here so the quote step below removes both.
  const bearer = /^(['"]?)bearer\s+/i.exec(token)
  if (bearer) {
    token = bearer[1] + token.slice(bearer[0].length).trim()
    if (!headerLine) {
      found.extracted = 'authorization-header'
      warnings.push('Removed a leading "Bearer " — that belongs to the Authorization header, not the token.')
    }
  }
  if (/^['"]|['"]$/.test(token)) {
    token = withoutSurroundingQuotes(token)
    warnings.push('Removed quotes around the token.')
  }
  if (/\s/.test(token)) {
    token = token.replace(/\s+/g, '')
    warnings.push(
      'Removed spaces or line breaks inside the token (often added when copying from a wrapped view).',
    )
  }
  return token
}

/** RFC 6749 §5.1 / OIDC Core §3.1.3.3: the access token is what an API takes, so it is taken first. */
function tokenFromResponse(text: string, warnings: string[], found: PasteFound): string {
  if (text.length > MAX_PASTE_CHARS) {
    malformed(`The pasted JSON is longer than ${MAX_PASTE_CHARS} characters; paste the token alone.`)
  }
  let response: unknown
  try {
    response = JSON.parse(text)
  } catch {
    malformed(
      'This starts with "{" but is not valid JSON. Paste the token itself, or the whole token response as the server sent it.',
    )
  }
  const { access_token: accessToken, id_token: idToken } = (response ?? {}) as Record<string, unknown>
  if (typeof accessToken === 'string' && accessToken !== '') {
    found.extracted = 'access_token'
    const alsoId =
      typeof idToken === 'string' ? ' It also holds an id_token: paste that alone to read it.' : ''
    warnings.push(`Took the access_token out of the pasted token response.${alsoId}`)
    return accessToken.trim()
  }
  if (typeof idToken === 'string' && idToken !== '') {
    found.extracted = 'id_token'
    warnings.push('Took the id_token out of the pasted token response (it holds no access_token).')
    return idToken.trim()
  }
  return malformed(
    'This is JSON, but it holds no "access_token" or "id_token". Paste the token itself, or the token endpoint’s whole answer.',
  )
}

/** A loop, not /['"]+$/g: that regex retries at every quote of a long run, quadratic on a pasted `''''…x`. */
function withoutSurroundingQuotes(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && isQuote(text[start]!)) start++
  while (end > start && isQuote(text[end - 1]!)) end--
  return text.slice(start, end)
}

const isQuote = (char: string) => char === '"' || char === "'"

function assertStructure(parts: string[]): void {
  if (parts.length === 5) {
    malformed(
      'This is an encrypted JWT (JWE, five parts). Its claims cannot be read without the decryption key.',
    )
  }
  if (parts.length !== 3) {
    malformed(
      parts.length === 1
        ? 'This is not a JWT: a JWT has three parts separated by dots (header.payload.signature). It may be an opaque token, which only its issuer can read.'
        : `A JWT has three parts separated by dots (header.payload.signature); this one has ${parts.length}.`,
    )
  }
}

function assertJsonObjectPart(part: string, name: 'header' | 'payload' | 'signature'): void {
  const label = `The ${name} (part ${PART_NAMES.indexOf(name) + 1})`
  if (part === '') malformed(`${label} is empty.`)
  if (!BASE64URL.test(part)) {
    malformed(
      `${label} contains characters that are not base64url (only A–Z, a–z, 0–9, "-" and "_" are allowed).`,
    )
  }
  if (part.length % 4 === 1) malformed(`${label} ${IMPOSSIBLE_LENGTH}`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(part))
  } catch {
    malformed(`${label} is not valid base64url.`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    malformed(
      `${label} decodes to text that is not JSON: "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"`,
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    malformed(`${label} is JSON but not an object.`)
  }
}

function readTimes(payload: Record<string, unknown>, warnings: string[]): ClaimTime[] {
  const times: ClaimTime[] = []
  for (const claim of TIME_CLAIMS) {
    const value = payload[claim]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      warnings.push(
        `"${claim}" should be a number of seconds since 1970 (RFC 7519 §2 NumericDate); it is ${JSON.stringify(value)}.`,
      )
      continue
    }
    if (value > 1e11)
      warnings.push(`"${claim}" looks like milliseconds, not seconds: dates below may be far in the future.`)
    if (Number.isNaN(new Date(value * 1000).getTime())) continue // beyond year 275760: no date to show
    times.push({ claim, epochSeconds: value, iso: new Date(value * 1000).toISOString() })
  }
  return times
}

function malformed(message: string): never {
  throw new TokenDeskError(ERR_JWT_MALFORMED, message, { field: 'token' })
}

/** Header and payload when the token is a readable JWT; null for opaque tokens. Never throws. */
export function tryDecodeJwt(
  token: string,
): { header: Record<string, unknown>; payload: Record<string, unknown> } | null {
  if (token.split('.').length !== 3) return null
  try {
    const { header, payload } = decodeToken(token)
    return { header, payload }
  } catch {
    return null
  }
}
