/** OAuth 2.0 helpers shared by the vendor emulators (RFC 6749 / RFC 6750 mechanics only). */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from './testServer'

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function randomHex(bytes = 20): string {
  return randomBytes(bytes).toString('hex')
}

/** Constant-time string comparison (hashing first so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest()
  const hb = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(ha, hb)
}

/** RFC 6749 §3.1: a parameter sent without a value MUST be treated as if it were omitted. */
export function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)
  return value === null || value === '' ? undefined : value
}

/** RFC 6749 §5.2 error response. */
export function oauthError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error, error_description: description }, headers)
}

export function methodNotAllowed(res: ServerResponse, allow: string, body?: unknown): void {
  // Assumption (docs silent): 405 with an RFC 6749-style JSON body and an Allow header (RFC 9110 §15.5.6).
  sendJson(
    res,
    405,
    body ?? { error: 'invalid_request', error_description: `Method not allowed; use ${allow}` },
    { Allow: allow },
  )
}

export function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'not_found', error_description: 'No such endpoint on this emulator' })
}

/** The token from `Authorization: Bearer <token>` (scheme is case-insensitive, RFC 7235 §2.1). */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(req.headers.authorization ?? '')
  return match?.[1]
}

/**
 * RFC 6750 §3 challenge. Without an error code when the request carried no token at all
 * (§3.1: "the resource server SHOULD NOT include an error code").
 */
export function bearerChallenge(realm: string, error?: string, description?: string): string {
  let challenge = `Bearer realm="${realm}"`
  if (error) challenge += `, error="${error}"`
  if (description) challenge += `, error_description="${description}"`
  return challenge
}

/** Space-delimited scope (RFC 6749 §3.3); empty tokens from doubled spaces are ignored. */
export function splitScope(scope: string | undefined, delimiter = ' '): string[] {
  return (scope ?? '').split(delimiter).filter((s) => s !== '')
}

/** Appends parameters to a redirect URI, keeping its existing query (RFC 6749 §3.1.2). */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const target = new URL(uri)
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) target.searchParams.set(key, value)
  return target.href
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )
}

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`
}

interface StoredToken<T> {
  expiresAt: number
  data: T
}

/** Opaque access tokens with a lifetime; expireAll() makes every issued token count as expired. */
export class TokenStore<T> {
  private readonly tokens = new Map<string, StoredToken<T>>()

  constructor(private readonly generate: () => string = () => randomToken()) {}

  issue(ttlSeconds: number, data: T): string {
    const token = this.generate()
    this.tokens.set(token, { expiresAt: Date.now() + ttlSeconds * 1000, data })
    return token
  }

  /** The token's data if it exists and has not expired. */
  validate(token: string | undefined): T | undefined {
    if (token === undefined) return undefined
    const stored = this.tokens.get(token)
    if (!stored || stored.expiresAt <= Date.now()) return undefined
    return stored.data
  }

  /** Removes and returns a token (single-use codes, rotated refresh tokens). */
  take(token: string | undefined): T | undefined {
    const data = this.validate(token)
    if (token !== undefined) this.tokens.delete(token)
    return data
  }

  revokeWhere(predicate: (data: T) => boolean): void {
    for (const [token, stored] of this.tokens) if (predicate(stored.data)) this.tokens.delete(token)
  }

  expireAll(): void {
    for (const stored of this.tokens.values()) stored.expiresAt = 0
  }
}
