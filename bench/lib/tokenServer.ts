import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: string
}

/**
 * A minimal OAuth token endpoint and API on 127.0.0.1 for the benchmarks: it answers at once, so
 * what is timed is the client. Every token it issues is new; the API refuses the tokens in `refused`.
 */
export async function startTokenServer(options: { tokenBody?: (issued: number) => string } = {}) {
  let issued = 0
  const counts = { token: 0, api: 0 }
  const refused = new Set<string>()
  let lastTokenRequest: RecordedRequest | undefined
  const tokenBody =
    options.tokenBody ??
    ((n: number) =>
      JSON.stringify({ access_token: `bench-token-${n}`, token_type: 'Bearer', expires_in: 3600 }))
  const server = createServer(async (req, res) => {
    const body = await readBody(req)
    if (req.url === '/token') {
      counts.token++
      issued++
      lastTokenRequest = {
        method: req.method!,
        path: req.url,
        headers: req.headers as Record<string, string>,
        body,
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(tokenBody(issued))
      return
    }
    counts.api++
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    if (refused.has(token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    tokenUrl: `${base}/token`,
    apiUrl: `${base}/api`,
    counts,
    refused,
    lastTokenRequest: () => lastTokenRequest,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of req) body += chunk
  return body
}
