/**
 * Tiny HTTP server harness for the vendor emulators: random loopback port, never keeps the process
 * alive, shuts itself down when idle, and records every request so tests can assert on the wire format.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

export interface TestServer {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string
  port: number
  close(): Promise<void>
}

export interface TestServerOptions {
  /** Close after this many milliseconds without requests (default 120000). */
  idleMs?: number
}

/** Fields every emulator returns. */
export interface BaseEmulator {
  url: string
  tokenUrl: string
  apiUrl: string
  /** Every request received, in order. */
  requests: RecordedRequest[]
  close(): Promise<void>
}

/** Thrown by helpers (e.g. readBody) to answer with a fixed JSON response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`)
  }
}

export const DEFAULT_BODY_LIMIT = 64 * 1024

export async function startTestServer(handler: Handler, opts: TestServerOptions = {}): Promise<TestServer> {
  const idleMs = opts.idleMs ?? 120_000
  let idleTimer: NodeJS.Timeout | undefined
  let closing: Promise<void> | undefined

  const armIdleTimer = (): void => {
    if (closing) return
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => void close(), idleMs)
    idleTimer.unref()
  }

  const server = createServer((req, res) => {
    armIdleTimer()
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy()
        } else if (err instanceof HttpError) {
          sendJson(res, err.status, err.body, err.headers)
        } else {
          const message = err instanceof Error ? err.message : String(err)
          sendJson(res, 500, { error: 'server_error', error_description: message })
        }
      })
      .finally(armIdleTimer)
  })
  // Accepted sockets hold their own event-loop reference; unref them too so an open keep-alive
  // connection never keeps a test process alive.
  server.on('connection', (socket) => socket.unref())

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      if (idleTimer) clearTimeout(idleTimer)
      server.close(() => resolve())
      server.closeAllConnections()
    })
    return closing
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.unref()
  armIdleTimer()
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, port, close }
}

/** Reads the whole body; over `limit` bytes → HttpError 413 (the rest is drained, not stored). */
export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => {
      if (size > limit) {
        reject(
          new HttpError(413, {
            error: 'invalid_request',
            error_description: `Request body exceeds ${limit} bytes`,
          }),
        )
      } else {
        resolve(Buffer.concat(chunks))
      }
    })
    req.on('error', reject)
  })
}

/** JSON response with the headers RFC 6749 §5.1 requires on token responses (no-store / no-cache). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Content-Length': String(Buffer.byteLength(payload)),
    ...headers,
  })
  res.end(payload)
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(html)),
  })
  res.end(html)
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' })
  res.end()
}

/**
 * application/x-www-form-urlencoded → record, with URLSearchParams semantics: `+` decodes to a space,
 * so a client that forgets to encode a secret containing `+` sends the wrong secret (as with a real
 * vendor). The first occurrence of a repeated name wins; use duplicateKeys() to reject repeats.
 */
export function parseForm(buf: Buffer | string): Record<string, string> {
  return firstValues(new URLSearchParams(typeof buf === 'string' ? buf : buf.toString('utf8')))
}

export function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of params) if (!(key in out)) out[key] = value
  return out
}

/** Names that occur more than once (RFC 6749 §3.1/§3.2: parameters MUST NOT be repeated). */
export function duplicateKeys(params: URLSearchParams): string[] {
  const seen = new Set<string>()
  const dupes = new Set<string>()
  for (const key of params.keys()) (seen.has(key) ? dupes : seen).add(key)
  return [...dupes]
}

/** One form-urlencoded value decoded exactly as URLSearchParams would (`+` → space, %XX → UTF-8). */
export function formDecode(value: string): string {
  // A raw `&` must stay part of the value rather than split it.
  return new URLSearchParams(`v=${value.replace(/&/g, '%26')}`).get('v') ?? ''
}

export interface BasicCredentials {
  username: string
  password: string
}

/**
 * Parses `Authorization: Basic base64(user:pass)`.
 * - `urldecode: true` → RFC 6749 §2.3.1: the client id and secret are form-urlencoded before being
 *   joined and base64-encoded, so the server decodes them afterwards (a raw `+` becomes a space).
 * - `urldecode: false` → plain RFC 7617 Basic (SkyKick: user ID : subscription key, taken verbatim).
 * Returns null when the header is absent or malformed.
 */
export function parseBasic(
  header: string | undefined,
  opts: { urldecode: boolean },
): BasicCredentials | null {
  if (!header) return null
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header)
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  const username = decoded.slice(0, colon)
  const password = decoded.slice(colon + 1)
  return opts.urldecode
    ? { username: formDecode(username), password: formDecode(password) }
    : { username, password }
}

export function isFormUrlEncoded(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  return type === 'application/x-www-form-urlencoded'
}

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>
  /** Raw body as UTF-8 text. */
  body: string
  /** Parsed body when Content-Type is application/x-www-form-urlencoded, else null. */
  form: Record<string, string> | null
}

export interface CapturedRequest {
  record: RecordedRequest
  url: URL
  /** Body parameters (URLSearchParams semantics) — empty when the body is not a form. */
  params: URLSearchParams
}

export interface RequestRecorder {
  readonly requests: RecordedRequest[]
  /** Reads the body, records the request and returns it; 413 (after recording) when too large. */
  capture(req: IncomingMessage, limit?: number): Promise<CapturedRequest>
}

export function createRecorder(): RequestRecorder {
  const requests: RecordedRequest[] = []
  return {
    requests,
    async capture(req, limit = DEFAULT_BODY_LIMIT) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
      }
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: firstValues(url.searchParams),
        headers,
        body: '',
        form: null,
      }
      requests.push(record)
      const body = (await readBody(req, limit)).toString('utf8')
      record.body = body
      const isForm = isFormUrlEncoded(req)
      const params = new URLSearchParams(isForm ? body : '')
      if (isForm) record.form = firstValues(params)
      return { record, url, params }
    },
  }
}
