import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ERR_CANCELLED, ERR_INTEGRATION_INVALID, ERR_SIGN_IN_TIMEOUT } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { RedirectArrival } from './signInAttempt'
import { signInPage } from './signInPages'

/** RFC 8252 §7.3: the system browser comes back to a listener on the loopback interface. */
const LOOPBACK_HOST = '127.0.0.1'
const DEFAULT_PATH = '/callback'
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000
/** A form_post answer is a few hundred bytes; anything much larger is not a provider's. */
const MAX_FORM_BYTES = 64 * 1024
/** Parameters only an authorization response carries: a request without them is noise (favicon…). */
const RESPONSE_PARAMS = ['code', 'state', 'error', 'iss']

export interface LoopbackListener {
  /** The redirect URI to send on the authorize request, with the port the listener got. */
  readonly redirectUri: string
  /**
   * Waits for the provider's answer and hands it to `complete` (the sign-in attempt), whose verdict
   * the browser tab shows; resolves with what `complete` returned. The listener closes after one answer.
   */
  answer<T>(complete: (arrival: RedirectArrival) => T): Promise<T>
  close(): void
}

export interface LoopbackOptions {
  /** The integration's Redirect URI, when it names a loopback address: its port and path are kept. */
  redirectUri?: string
  timeoutMs?: number
  signal?: AbortSignal
}

/**
 * A one-shot listener on 127.0.0.1 for the system-browser sign-in (RFC 8252 §7.3): an ephemeral port
 * unless the Redirect URI names one, answering only its path, once; then it closes. Query, fragment
 * (relayed by a small page, since browsers never send fragments) and form_post answers all arrive here.
 */
export async function listenForRedirect(options: LoopbackOptions = {}): Promise<LoopbackListener> {
  const wanted = loopbackTarget(options.redirectUri)
  const server = createServer()
  await new Promise<void>((listening, failed) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      failed(
        new TokenDeskError(
          ERR_INTEGRATION_INVALID,
          error.code === 'EADDRINUSE'
            ? `Port ${wanted.port} of the Redirect URI is in use by another program. Close it, or remove the port from the Redirect URI so TokenDesk picks a free one.`
            : `TokenDesk could not listen on ${LOOPBACK_HOST}:${wanted.port} for the sign-in (${error.code ?? error.message}).`,
          { field: 'redirectUri' },
        ),
      ),
    )
    server.listen(wanted.port, LOOPBACK_HOST, () => listening())
  })
  const port = (server.address() as AddressInfo).port
  const redirectUri = `http://${wanted.hostname}:${port}${wanted.path}`
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    server.close()
    server.closeAllConnections()
  }

  return {
    redirectUri,
    close,
    answer: (complete) =>
      new Promise((resolve, reject) => {
        const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS
        const timer = setTimeout(() => {
          finish()
          reject(
            new TokenDeskError(
              ERR_SIGN_IN_TIMEOUT,
              `No answer came back from the sign-in page within ${Math.round(timeoutMs / 60_000) || 1} minute(s). Start the sign-in again when you are ready.`,
            ),
          )
        }, timeoutMs)
        const onAbort = () => {
          finish()
          reject(new TokenDeskError(ERR_CANCELLED, 'The sign-in was cancelled.'))
        }
        options.signal?.addEventListener('abort', onAbort, { once: true })
        if (options.signal?.aborted) onAbort()
        function finish() {
          clearTimeout(timer)
          options.signal?.removeEventListener('abort', onAbort)
          close()
        }

        let answered = false
        server.on('request', (request: IncomingMessage, response: ServerResponse) => {
          void handle(request, response)
        })
        async function handle(request: IncomingMessage, response: ServerResponse) {
          const url = new URL(request.url ?? '/', redirectUri)
          const isAnswer =
            url.pathname === wanted.path || RESPONSE_PARAMS.some((name) => url.searchParams.has(name))
          if (!isAnswer || answered) return send(response, 404, signInPage('not-found'))
          if (request.method === 'GET' && url.pathname === wanted.path && !hasResponseParams(url))
            return send(response, 200, signInPage('relay-fragment')) // the answer may be in the fragment
          let formBody: string | undefined
          if (request.method === 'POST') {
            formBody = await readForm(request)
            if (formBody === undefined)
              return send(response, 413, signInPage('failed', 'The answer was too large.'))
          }
          answered = true
          try {
            const verdict = complete({ url: url.toString(), formBody })
            send(response, 200, signInPage('signed-in'), () => {
              finish()
              resolve(verdict)
            })
          } catch (error) {
            const message = error instanceof Error ? error.message : 'The sign-in failed.'
            send(response, 400, signInPage('failed', message), () => {
              finish()
              reject(error)
            })
          }
        }
      }),
  }
}

function hasResponseParams(url: URL): boolean {
  return RESPONSE_PARAMS.some((name) => url.searchParams.has(name))
}

/** Host, port and path to listen on: the integration's loopback Redirect URI, else 127.0.0.1:<any>/callback. */
function loopbackTarget(redirectUri: string | undefined): { hostname: string; port: number; path: string } {
  const fallback = { hostname: LOOPBACK_HOST, port: 0, path: DEFAULT_PATH }
  if (!redirectUri) return fallback
  let url: URL
  try {
    url = new URL(redirectUri)
  } catch {
    return fallback
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) return fallback
  return {
    hostname: url.hostname === 'localhost' ? 'localhost' : LOOPBACK_HOST,
    port: url.port ? Number(url.port) : 0,
    path: url.pathname || DEFAULT_PATH,
  }
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]'
}

function readForm(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    let size = 0
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_FORM_BYTES) {
        request.destroy()
        resolve(undefined)
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', () => resolve(undefined))
  })
}

function send(
  response: ServerResponse,
  status: number,
  page: { html: string; csp: string },
  done?: () => void,
): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.csp,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  })
  response.end(page.html, done)
}
