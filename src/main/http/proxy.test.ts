import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { TokenOutcome, TokenOutcomeFailure } from '../../shared/token'
import { startTinyproxy, type RunningProxy } from '../../../tests/servers/proxy/tinyproxy'
import { createTestPki, type TestPki } from '../../../tests/servers/tls/testCertificates'
import { createTokenEngine } from '../oauth/engine'
import type { Environment } from '../integration/resolve'
import { createNodeTransport } from './transport'

const PROXY_USER = 'proxy-user'
const PROXY_PASSWORD = 'proxy-pass-3f9c1d'

const TOKEN_RESPONSE = JSON.stringify({ access_token: 'proxied-access-token', token_type: 'Bearer' })

let open: RunningProxy
let authenticating: RunningProxy
let pki: TestPki
let httpTokenUrl: string
let httpsTokenUrl: string
let mtlsTokenUrl: string
const servers: Server[] = []

async function listen(server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

const answerToken = (
  request: import('node:http').IncomingMessage,
  response: import('node:http').ServerResponse,
) => {
  request.resume()
  if (request.method !== 'POST' || request.url !== '/token') return void response.writeHead(404).end()
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(TOKEN_RESPONSE)
}

beforeAll(async () => {
  // Fails here, with the install command, when tinyproxy is missing: never skipped.
  open = await startTinyproxy()
  authenticating = await startTinyproxy({ basicAuth: { username: PROXY_USER, password: PROXY_PASSWORD } })
  pki = createTestPki()
  httpTokenUrl = `http://127.0.0.1:${await listen(createHttpServer(answerToken))}/token`
  httpsTokenUrl = `https://127.0.0.1:${await listen(
    createHttpsServer({ cert: pki.server.cert, key: pki.server.key }, answerToken),
  )}/token`
  mtlsTokenUrl = `https://127.0.0.1:${await listen(
    createHttpsServer(
      { cert: pki.server.cert, key: pki.server.key, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
      answerToken,
    ),
  )}/token`
})

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  await Promise.all([open?.close(), authenticating?.close()])
})

const clientCredentials = (tokenUrl: string, overrides: Partial<Integration> = {}): Integration => ({
  grant: 'client_credentials',
  tokenUrl,
  clientId: 'proxy-client',
  clientSecret: 'proxy-client-secret',
  clientAuth: 'body',
  timeoutMs: 10_000,
  ...overrides,
})

function engineWith(env: Environment) {
  const recorded: Exchange[] = []
  const engine = createTokenEngine({ env, onExchange: ({ exchange }) => recorded.push(exchange) })
  return { engine, recorded }
}

function expectFailure(outcome: TokenOutcome): asserts outcome is TokenOutcomeFailure {
  expect(outcome.ok, JSON.stringify(outcome.ok ? outcome.token : outcome.diagnosis)).toBe(false)
}

const hostOf = (url: string) => new URL(url).host

describe('through a real HTTP proxy (tinyproxy)', () => {
  it('sends an http token request through the proxy named by HTTP_PROXY', async () => {
    const before = open.requests().length
    const { engine } = engineWith({ HTTP_PROXY: open.url })
    const outcome = await engine.getToken(clientCredentials(httpTokenUrl))
    expect(outcome.ok && outcome.token.access_token).toBe('proxied-access-token')
    expect(open.requests().slice(before)).toEqual([`POST ${httpTokenUrl} HTTP/1.1`])
  })

  it('tunnels an https token request with CONNECT (https_proxy, lowercase) and checks the vendor’s certificate end to end', async () => {
    const before = open.requests().length
    const { engine } = engineWith({ https_proxy: open.url })
    const outcome = await engine.getToken(clientCredentials(httpsTokenUrl, { tls: { ca: pki.ca } }))
    expect(outcome.ok && outcome.token.access_token).toBe('proxied-access-token')
    expect(open.requests().slice(before)).toEqual([`CONNECT ${hostOf(httpsTokenUrl)} HTTP/1.1`])
  })

  it('presents the integration’s client certificate (mutual TLS) through the tunnel', async () => {
    const { engine } = engineWith({ HTTPS_PROXY: open.url })
    const outcome = await engine.getToken(
      clientCredentials(mtlsTokenUrl, { tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key } }),
    )
    expect(outcome.ok && outcome.token.access_token).toBe('proxied-access-token')
  })

  it('uses the integration’s proxy with its user name and password, and never records the password', async () => {
    const before = authenticating.requests().length
    const { engine, recorded } = engineWith({})
    const outcome = await engine.getToken(
      clientCredentials(httpsTokenUrl, {
        tls: { ca: pki.ca },
        proxy: { url: authenticating.url, username: PROXY_USER, password: PROXY_PASSWORD },
      }),
    )
    expect(outcome.ok && outcome.token.access_token).toBe('proxied-access-token')
    expect(authenticating.requests().slice(before)).toEqual([`CONNECT ${hostOf(httpsTokenUrl)} HTTP/1.1`])
    const everything = JSON.stringify([outcome, recorded])
    expect(everything).not.toContain(PROXY_PASSWORD)
    expect(everything).not.toContain(Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64'))
  })

  it('reads the proxy password from the environment when the integration says {"env"}', async () => {
    const { engine } = engineWith({ PROXY_PASSWORD })
    const outcome = await engine.getToken(
      clientCredentials(httpTokenUrl, {
        proxy: { url: authenticating.url, username: PROXY_USER, password: { env: 'PROXY_PASSWORD' } },
      }),
    )
    expect(outcome.ok).toBe(true)
  })

  it('connects directly to a host listed in NO_PROXY', async () => {
    const before = open.requests().length
    const { engine } = engineWith({ HTTP_PROXY: open.url, NO_PROXY: 'localhost,127.0.0.1' })
    const outcome = await engine.getToken(clientCredentials(httpTokenUrl))
    expect(outcome.ok).toBe(true)
    expect(open.requests().slice(before)).toEqual([])
  })

  it('connects directly when the integration says proxy "none", whatever the environment says', async () => {
    const before = open.requests().length
    const { engine } = engineWith({ HTTP_PROXY: open.url })
    const outcome = await engine.getToken(clientCredentials(httpTokenUrl, { proxy: 'none' }))
    expect(outcome.ok).toBe(true)
    expect(open.requests().slice(before)).toEqual([])
  })

  it('asks the system resolver (the app’s Electron session) for the proxy', async () => {
    const asked: string[] = []
    const before = open.requests().length
    const engine = createTokenEngine({
      env: { HTTP_PROXY: 'http://127.0.0.1:1' },
      transport: createNodeTransport({
        env: {},
        resolveSystemProxy: async (url) => {
          asked.push(url)
          return open.url
        },
      }),
    })
    const outcome = await engine.getToken(clientCredentials(httpTokenUrl))
    expect(outcome.ok).toBe(true)
    expect(asked).toEqual([httpTokenUrl])
    expect(open.requests().slice(before)).toEqual([`POST ${httpTokenUrl} HTTP/1.1`])
  })
})

describe('proxy failures, named as the proxy’s', () => {
  it('explains a 407 on CONNECT: the proxy needs a user name and password', async () => {
    const { engine, recorded } = engineWith({ HTTPS_PROXY: authenticating.url })
    const outcome = await engine.getToken(clientCredentials(httpsTokenUrl, { tls: { ca: pki.ca } }))
    expectFailure(outcome)
    expect(outcome.diagnosis).toMatchObject({ kind: 'network', networkErrorKind: 'proxy-auth' })
    expect(outcome.diagnosis.summary).toBe(
      `The proxy ${authenticating.url} asks for a user name and password (HTTP 407 Proxy Authentication Required).`,
    )
    expect(outcome.diagnosis.hints[0]).toEqual({
      code: 'proxy-auth',
      message: `The proxy ${authenticating.url} needs a user name and password: check the proxy user name and password in HTTPS_PROXY / HTTP_PROXY (http://user:password@host:port).`,
    })
    expect(recorded[0]?.networkError).toMatchObject({
      kind: 'proxy-auth',
      proxy: { address: authenticating.url, source: 'environment' },
    })
  })

  it('explains a 407 over plain http when the integration’s proxy has no password', async () => {
    const { engine } = engineWith({})
    const outcome = await engine.getToken(
      clientCredentials(httpTokenUrl, { proxy: { url: authenticating.url } }),
    )
    expectFailure(outcome)
    expect(outcome.diagnosis.networkErrorKind).toBe('proxy-auth')
    expect(outcome.diagnosis.summary).toContain('asks for a user name and password (HTTP 407')
    expect(outcome.diagnosis.hints[0]?.message).toContain(
      'check the proxy user name and password in the integration’s Proxy settings',
    )
  })

  it('says to check the proxy credentials when the proxy refuses the tunnel for a wrong password', async () => {
    // tinyproxy answers a wrong password with 401 rather than 407; squid and most others send 407.
    const { engine } = engineWith({})
    const outcome = await engine.getToken(
      clientCredentials(httpsTokenUrl, {
        tls: { ca: pki.ca },
        proxy: { url: authenticating.url, username: PROXY_USER, password: 'not-the-password' },
      }),
    )
    expectFailure(outcome)
    expect(outcome.diagnosis.networkErrorKind).toBe('proxy-refused')
    expect(outcome.diagnosis.summary).toBe(
      `The proxy ${authenticating.url} would not connect to ${hostOf(httpsTokenUrl)} (it answered HTTP 401).`,
    )
    expect(outcome.diagnosis.hints[0]?.message).toContain(
      'check the proxy user name and password in the integration’s Proxy settings',
    )
    expect(JSON.stringify(outcome)).not.toContain('not-the-password')
  })

  it('names the proxy, not the vendor, when nothing listens at the proxy’s address', async () => {
    const proxyUrl = `http://127.0.0.1:${await closedPort()}`
    const { engine } = engineWith({ HTTPS_PROXY: proxyUrl })
    const outcome = await engine.getToken(clientCredentials(httpsTokenUrl, { tls: { ca: pki.ca } }))
    expectFailure(outcome)
    expect(outcome.diagnosis.networkErrorKind).toBe('refused')
    expect(outcome.diagnosis.summary).toBe(
      `Could not reach the proxy ${proxyUrl}: the connection was refused: nothing is listening on that port (ECONNREFUSED).`,
    )
    expect(outcome.diagnosis.hints).toEqual([
      {
        code: 'proxy-unreachable',
        message: `TokenDesk could not reach the proxy ${proxyUrl}, so the request never left this computer: check the proxy address in HTTPS_PROXY / HTTP_PROXY (or add the host to NO_PROXY), or connect directly (proxy "none").`,
      },
    ])
  })

  it('says the proxy would not connect to the vendor when CONNECT is answered with an error', async () => {
    const vendor = `https://127.0.0.1:${await closedPort()}/token`
    const { engine } = engineWith({ HTTPS_PROXY: open.url })
    const outcome = await engine.getToken(clientCredentials(vendor))
    expectFailure(outcome)
    expect(outcome.diagnosis.networkErrorKind).toBe('proxy-refused')
    expect(outcome.diagnosis.summary).toMatch(
      new RegExp(
        `^The proxy ${open.url} would not connect to ${hostOf(vendor)} \\(it answered HTTP 5\\d\\d\\)\\.$`,
      ),
    )
    expect(outcome.diagnosis.hints[0]?.code).toBe('proxy-refused')
  })

  it('suggests TLS inspection by the proxy when the certificate’s CA is unknown through a proxy', async () => {
    const { engine } = engineWith({ HTTPS_PROXY: open.url })
    const outcome = await engine.getToken(clientCredentials(httpsTokenUrl))
    expectFailure(outcome)
    expect(outcome.diagnosis.networkErrorKind).toBe('tls')
    expect(outcome.diagnosis.summary).toContain(`through the proxy ${open.url}`)
    expect(outcome.diagnosis.hints[0]?.code).toBe('proxy-tls-inspection')
    expect(outcome.diagnosis.hints[0]?.message).toContain('may be inspecting HTTPS')
    expect(outcome.diagnosis.hints[0]?.message).toContain('add it in the integration’s TLS settings (tls.ca)')
  })

  it('refuses a proxy URL that is not http(s) and names it', async () => {
    const { engine } = engineWith({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' })
    const outcome = await engine.getToken(clientCredentials(httpsTokenUrl))
    expectFailure(outcome)
    expect(outcome.diagnosis.summary).toContain('ERR_PROXY_URL_INVALID')
    expect(outcome.exchange?.networkError?.message).toBe(
      'The proxy is not an http:// or https:// address (ERR_PROXY_URL_INVALID).',
    )
  })
})
