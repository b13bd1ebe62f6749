import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer, type ServerOptions } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERR_RESPONSE_TOO_LARGE } from '../../shared/errorCodes'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { TokenOutcome, TokenOutcomeFailure } from '../../shared/token'
import { createTestPki, hasOpenssl, type TestPki } from '../../../tests/servers/tls/testCertificates'
import { createTokenEngine } from '../oauth/engine'
import { MAX_TOKEN_RESPONSE_BYTES } from './exchange'
import { nodeTransport, type HttpRequest } from './transport'

const TOKEN_RESPONSE = JSON.stringify({
  access_token: 'tls-access-token',
  token_type: 'Bearer',
  expires_in: 3600,
})

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** Listens on 127.0.0.1, random port; closed after the file's tests. */
async function listen<T extends Server>(server: T): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A token endpoint: POST /token answers a small OAuth token response; it counts what reaches it. */
function tokenEndpoint() {
  const received: IncomingMessage[] = []
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    received.push(request)
    request.resume()
    if (request.method !== 'POST' || request.url !== '/token') {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(TOKEN_RESPONSE)
  }
  return { handler, received }
}

const clientCredentials = (tokenUrl: string, overrides: Partial<Integration> = {}): Integration => ({
  grant: 'client_credentials',
  tokenUrl,
  clientId: 'transport-client',
  clientSecret: 'transport-client-secret',
  clientAuth: 'body',
  timeoutMs: 5000,
  ...overrides,
})

/** An engine that keeps every exchange it records, as the history would. */
function recordingEngine() {
  const recorded: Array<{ exchange: Exchange; diagnosis?: unknown }> = []
  const engine = createTokenEngine({ env: {}, onExchange: (record) => recorded.push(record) })
  return { engine, recorded }
}

function expectFailure(outcome: TokenOutcome): asserts outcome is TokenOutcomeFailure {
  expect(outcome.ok, JSON.stringify(outcome.ok ? outcome.token : outcome.diagnosis)).toBe(false)
}

describe.skipIf(!hasOpenssl)(
  `TLS with a private CA${hasOpenssl ? '' : ' (skipped: the openssl command is not installed; it makes the test certificates)'}`,
  () => {
    let pki: TestPki
    beforeAll(() => {
      pki = createTestPki()
    })

    async function httpsTokenEndpoint(options: ServerOptions = {}) {
      const endpoint = tokenEndpoint()
      const port = await listen(
        createHttpsServer({ cert: pki.server.cert, key: pki.server.key, ...options }, endpoint.handler),
      )
      return { tokenUrl: `https://127.0.0.1:${port}/token`, received: endpoint.received }
    }

    describe('server certificate', () => {
      it('refuses a certificate from a CA it was not given, and says to add the vendor’s CA', async () => {
        const { tokenUrl, received } = await httpsTokenEndpoint()
        const outcome = await createTokenEngine({ env: {} }).getToken(clientCredentials(tokenUrl))
        expectFailure(outcome)
        expect(outcome.diagnosis).toMatchObject({ kind: 'network', networkErrorKind: 'tls' })
        expect(outcome.exchange?.networkError).toMatchObject({
          kind: 'tls',
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        })
        expect(outcome.diagnosis.summary).toContain(
          'issued by a certificate authority this computer does not trust',
        )
        const hint = outcome.diagnosis.hints[0]!
        expect(hint.code).toBe('tls')
        expect(hint.message).toContain(
          'Add the vendor’s (or the proxy’s) CA certificate in the integration’s TLS settings',
        )
        expect(hint.message).toContain('certificate verification is never turned off')
        expect(received).toHaveLength(0)
      })

      it('gets the token once the vendor’s CA is added as tls.ca', async () => {
        const { tokenUrl, received } = await httpsTokenEndpoint()
        const outcome = await createTokenEngine({ env: {} }).getToken(
          clientCredentials(tokenUrl, { tls: { ca: pki.ca } }),
        )
        expect(outcome.ok && outcome.token.access_token).toBe('tls-access-token')
        expect(received).toHaveLength(1)
      })

      it('reads tls.ca from the environment like any other value', async () => {
        const { tokenUrl } = await httpsTokenEndpoint()
        const outcome = await createTokenEngine({ env: { VENDOR_CA: pki.ca } }).getToken(
          clientCredentials(tokenUrl, { tls: { ca: { env: 'VENDOR_CA' } } }),
        )
        expect(outcome.ok).toBe(true)
      })

      it('still checks the certificate when a CA is added: another CA’s certificate is refused', async () => {
        const stranger = createTestPki()
        const { tokenUrl } = await httpsTokenEndpoint({
          cert: stranger.server.cert,
          key: stranger.server.key,
        })
        const outcome = await createTokenEngine({ env: {} }).getToken(
          clientCredentials(tokenUrl, { tls: { ca: pki.ca } }),
        )
        expectFailure(outcome)
        expect(outcome.diagnosis.networkErrorKind).toBe('tls')
      })
    })

    describe('mutual TLS', () => {
      const mutualTls = (): ServerOptions => ({ ca: pki.ca, requestCert: true, rejectUnauthorized: true })

      it('is refused by a server that requires a client certificate when none is configured', async () => {
        const { tokenUrl, received } = await httpsTokenEndpoint(mutualTls())
        const outcome = await createTokenEngine({ env: {} }).getToken(
          clientCredentials(tokenUrl, { tls: { ca: pki.ca } }),
        )
        expectFailure(outcome)
        expect(outcome.diagnosis.kind).toBe('network')
        expect(['tls', 'reset']).toContain(outcome.diagnosis.networkErrorKind)
        expect(received).toHaveLength(0)
      })

      it('names a missing client certificate and says where to add it, not to check http:// or the CA', async () => {
        const { tokenUrl } = await httpsTokenEndpoint(mutualTls())
        const outcome = await createTokenEngine({ env: {} }).getToken(
          clientCredentials(tokenUrl, { tls: { ca: pki.ca } }),
        )
        expectFailure(outcome)
        // TLS 1.3 (RFC 8446 §4.4.2.4): the server's certificate_required alert means no certificate was sent.
        expect(outcome.exchange?.networkError?.code).toBe('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')
        expect(outcome.diagnosis.summary).toContain('client certificate')
        expect(outcome.diagnosis.hints[0]?.message).toContain('client certificate')
        expect(outcome.diagnosis.hints[0]?.message).not.toContain('http:// versus https://')
      })

      it('presents tls.cert and tls.key and gets the token', async () => {
        const { tokenUrl, received } = await httpsTokenEndpoint(mutualTls())
        const outcome = await createTokenEngine({ env: {} }).getToken(
          clientCredentials(tokenUrl, { tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key } }),
        )
        expect(outcome.ok && outcome.token.access_token).toBe('tls-access-token')
        const peer = (received[0]!.socket as TLSSocket).getPeerCertificate()
        expect(peer.subject.CN).toBe('tokendesk-test-client')
      })

      it('never puts the client key in the exchange record or the diagnosis', async () => {
        const { tokenUrl } = await httpsTokenEndpoint(mutualTls())
        const { engine, recorded } = recordingEngine()
        const withKey = { ca: pki.ca, cert: pki.client.cert, key: pki.client.key }
        const succeeded = await engine.getToken(clientCredentials(tokenUrl, { tls: withKey }))
        // Without the CA the handshake fails: a failure's record must not carry the key either.
        const failed = await engine.getToken(
          clientCredentials(tokenUrl, { tls: { cert: withKey.cert, key: withKey.key } }),
        )
        expect([succeeded.ok, failed.ok]).toEqual([true, false])
        expect(recorded).toHaveLength(2)
        const everything = JSON.stringify([succeeded, failed, recorded])
        expect(everything).not.toContain(pki.client.key)
        for (const line of pemBody(pki.client.key)) expect(everything).not.toContain(line)
      })
    })
  },
)

describe('nodeTransport over plain HTTP', () => {
  /** A server answering every request with `size` bytes of "x", written in 1,000-byte chunks. */
  async function answering(size: number): Promise<string> {
    const port = await listen(
      createHttpServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/plain' })
        for (let sent = 0; sent < size; sent += 1000) response.write('x'.repeat(Math.min(1000, size - sent)))
        response.end()
      }),
    )
    return `http://127.0.0.1:${port}/token`
  }

  const request = (url: string, overrides: Partial<HttpRequest> = {}): HttpRequest => ({
    method: 'POST',
    url,
    headers: [['Content-Type', 'application/x-www-form-urlencoded']],
    body: 'grant_type=client_credentials',
    timeoutMs: 5000,
    maxResponseBytes: 2500,
    ...overrides,
  })

  it('stops reading a response larger than maxResponseBytes and rejects with ERR_TOKENDESK_TOO_LARGE', async () => {
    const url = await answering(10_000)
    await expect(nodeTransport(request(url))).rejects.toMatchObject({
      code: ERR_RESPONSE_TOO_LARGE,
      message: expect.stringContaining('larger than 2 KiB'),
    })
  })

  it('keeps exactly maxResponseBytes of a larger response with onTooLarge: truncate', async () => {
    const url = await answering(10_000)
    const response = await nodeTransport(request(url, { onTooLarge: 'truncate' }))
    expect(response.status).toBe(200)
    expect(response.truncated).toBe(true)
    expect(Buffer.byteLength(response.body)).toBe(2500)
  })

  it('keeps a response of exactly maxResponseBytes whole', async () => {
    const url = await answering(2500)
    const response = await nodeTransport(request(url))
    expect(response.truncated).toBe(false)
    expect(response.body).toHaveLength(2500)
  })

  it('reports an oversized token response as "too-large" through the engine', async () => {
    const url = await answering(MAX_TOKEN_RESPONSE_BYTES + 1)
    const outcome = await createTokenEngine({ env: {} }).getToken(clientCredentials(url))
    expectFailure(outcome)
    expect(outcome.diagnosis).toMatchObject({ kind: 'network', networkErrorKind: 'too-large' })
    expect(outcome.diagnosis.hints[0]?.message).toContain('probably points at a page or a file')
  })

  it('does not follow a redirect from the token endpoint: it shows the 302 and its Location', async () => {
    const target = tokenEndpoint()
    const targetUrl = `http://127.0.0.1:${await listen(createHttpServer(target.handler))}/token`
    const redirectingPort = await listen(
      createHttpServer((request, response) => {
        request.resume()
        response.writeHead(302, { Location: targetUrl }).end()
      }),
    )
    const { engine, recorded } = recordingEngine()
    const outcome = await engine.getToken(clientCredentials(`http://127.0.0.1:${redirectingPort}/token`))
    expectFailure(outcome)
    expect(outcome.exchange?.response?.status).toBe(302)
    expect(outcome.exchange?.response?.headers).toContainEqual(['Location', targetUrl])
    expect(outcome.diagnosis.summary).toContain(`redirected the request to ${targetUrl}`)
    expect(recorded).toHaveLength(1)
    expect(target.received).toHaveLength(0)
  })

  it('gives up on a server that never answers after the integration’s timeout', async () => {
    const port = await listen(createHttpServer(() => undefined))
    const started = Date.now()
    const outcome = await createTokenEngine({ env: {} }).getToken(
      clientCredentials(`http://127.0.0.1:${port}/token`, { timeoutMs: 300 }),
    )
    expectFailure(outcome)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(outcome.diagnosis).toMatchObject({ kind: 'network', networkErrorKind: 'timeout' })
    expect(outcome.diagnosis.summary).toBe(`127.0.0.1:${port} did not answer within 0.3 s (ETIMEDOUT).`)
  })
})

/** The base64 lines of a PEM: each is key material on its own. */
function pemBody(pem: string): string[] {
  return pem
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('-----'))
}
