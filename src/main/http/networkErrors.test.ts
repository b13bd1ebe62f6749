import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { NetworkFailure } from '../../shared/exchange'
import { nodeTransport, type HttpRequest } from '../http/transport'
import type { DiagnosisContext } from '../diagnose/context'
import { diagnoseNetworkFailure } from '../diagnose/diagnose'
import { classifyNetworkError } from './networkErrors'

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

async function closedPort(): Promise<number> {
  const server = createHttpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** What the transport threw, classified as the exchange recorder does. */
async function failureOf(request: Partial<HttpRequest> & { url: string }): Promise<NetworkFailure> {
  const error = await nodeTransport({
    method: 'POST',
    // Host is explicit: node:http adds none when headers come as an array, and servers then answer 400.
    headers: [
      ['Host', new URL(request.url).host],
      ['Content-Type', 'application/x-www-form-urlencoded'],
    ],
    body: 'grant_type=client_credentials&client_secret=hunter2-secret',
    timeoutMs: 5000,
    maxResponseBytes: 1024 * 1024,
    ...request,
  }).then(
    () => {
      throw new Error('expected the request to fail')
    },
    (thrown: unknown) => thrown,
  )
  return classifyNetworkError(error)
}

async function fetchFailure(url: string, init: RequestInit = {}): Promise<NetworkFailure> {
  return classifyNetworkError(
    await fetch(url, init).then(
      () => new Error('expected fetch to fail'),
      (thrown: unknown) => thrown,
    ),
  )
}

function context(overrides: Partial<DiagnosisContext> = {}): DiagnosisContext {
  return {
    purpose: 'token',
    grant: 'client_credentials',
    clientAuth: 'basic',
    basicAuthOverride: false,
    secretSpecialChars: [],
    secretLooksPasted: false,
    requestedScopes: [],
    scopeSeparator: ' ',
    sentHeaderNames: [],
    ...overrides,
  }
}

/** Request data that must never reach a message: the query secret and the body. */
function expectNoRequestData(failure: NetworkFailure): void {
  expect(failure.message).not.toMatch(/hunter2|client_secret|grant_type/)
}

describe('classifyNetworkError with real Node errors', () => {
  it('calls a closed port on 127.0.0.1 "refused"', async () => {
    const port = await closedPort()
    const failure = await failureOf({ url: `http://127.0.0.1:${port}/token?client_secret=hunter2` })
    expect(failure).toEqual({
      kind: 'refused',
      code: 'ECONNREFUSED',
      message: 'The connection was refused: nothing is listening on that port (ECONNREFUSED).',
    })
    const diagnosis = diagnoseNetworkFailure(
      failure,
      context(),
      `http://127.0.0.1:${port}/token?client_secret=hunter2`,
    )
    expect(diagnosis.summary).toBe(
      `Could not reach 127.0.0.1: the connection to port ${port} was refused (nothing is listening, ECONNREFUSED).`,
    )
    expect(diagnosis.hints[0]?.message).toContain(
      `on port ${port}: check the port and http:// versus https://`,
    )
    expect(JSON.stringify(diagnosis)).not.toContain('hunter2')
  })

  it('finds the refusal inside fetch’s "fetch failed" cause', async () => {
    const port = await closedPort()
    expect(await fetchFailure(`http://127.0.0.1:${port}/`)).toMatchObject({
      kind: 'refused',
      code: 'ECONNREFUSED',
    })
  })

  it('calls a .invalid host a DNS failure without repeating the host in the message', async () => {
    const failure = await failureOf({ url: 'https://tokendesk-diagnose.invalid/token?client_secret=hunter2' })
    expect(failure.kind).toBe('dns')
    // ENOTFOUND normally; EAI_AGAIN where the sandbox has no DNS server at all.
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(failure.code)
    expect(failure.message).not.toContain('tokendesk-diagnose.invalid')
    expectNoRequestData(failure)
    const diagnosis = diagnoseNetworkFailure(
      failure,
      context(),
      'https://tokendesk-diagnose.invalid/token?client_secret=hunter2',
    )
    expect(diagnosis).toMatchObject({ kind: 'network', networkErrorKind: 'dns', vendor: {} })
    expect(diagnosis.summary).toMatch(/^Could not reach tokendesk-diagnose\.invalid: /)
    expect(diagnosis.hints.map((hint) => hint.code)).toEqual(['dns'])
    expect(JSON.stringify(diagnosis)).not.toContain('hunter2')
  })

  it('finds the DNS failure inside fetch’s cause chain', async () => {
    expect((await fetchFailure('http://tokendesk-diagnose.invalid/')).kind).toBe('dns')
  })

  it('calls a server that never answers a timeout and keeps the timeout value', async () => {
    const port = await listen(createHttpServer(() => undefined))
    const failure = await failureOf({ url: `http://127.0.0.1:${port}/token`, timeoutMs: 200 })
    expect(failure).toEqual({
      kind: 'timeout',
      code: 'ETIMEDOUT',
      message: 'No answer within 0.2 s (ETIMEDOUT).',
    })
    const diagnosis = diagnoseNetworkFailure(failure, context(), `http://127.0.0.1:${port}/token`)
    expect(diagnosis.summary).toBe(`127.0.0.1:${port} did not answer within 0.2 s (ETIMEDOUT).`)
    expect(diagnosis.hints[0]?.message).toContain('(the timeout is 0.2 s)')
    expect(diagnosis.hints[0]?.message).toContain('firewall')
    // The advice names the form's control by its label, and points at it.
    expect(diagnosis.hints[0]).toMatchObject({ field: 'timeoutMs' })
    expect(diagnosis.hints[0]?.message).toContain('raise “Timeout (seconds)” under Advanced')
  })

  it('calls fetch’s AbortSignal.timeout a timeout, not a cancellation', async () => {
    const port = await listen(createHttpServer(() => undefined))
    const failure = await fetchFailure(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(100) })
    expect(failure.kind).toBe('timeout')
  })

  it('calls an ABORT_ERR whose cause is a TimeoutError a timeout', async () => {
    const port = await listen(createHttpServer(() => undefined))
    const error = await new Promise<unknown>((resolve) => {
      const request = httpRequest(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(100) })
      request.on('error', resolve)
      request.end()
    })
    expect(error).toMatchObject({ code: 'ABORT_ERR' })
    expect(classifyNetworkError(error).kind).toBe('timeout')
  })

  it('calls a request cancelled by its signal "aborted"', async () => {
    const port = await listen(createHttpServer(() => undefined))
    const controller = new AbortController()
    const pending = failureOf({ url: `http://127.0.0.1:${port}/`, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const failure = await pending
    expect(failure).toEqual({
      kind: 'aborted',
      message: 'The request was cancelled before the answer arrived.',
    })
    expect(diagnoseNetworkFailure(failure, context(), `http://127.0.0.1:${port}/`).summary).toBe(
      `The request to 127.0.0.1:${port} was cancelled before the answer arrived.`,
    )
  })

  it('calls a connection the server drops "reset"', async () => {
    const port = await listen(createHttpServer((request) => request.socket.destroy()))
    const failure = await failureOf({ url: `http://127.0.0.1:${port}/token` })
    expect(failure).toMatchObject({ kind: 'reset', code: 'ECONNRESET' })
    expect(diagnoseNetworkFailure(failure, context(), `http://127.0.0.1:${port}/token`).hints[0]?.code).toBe(
      'reset',
    )
  })

  it('calls an answer beyond the size cap "too-large"', async () => {
    const port = await listen(
      createHttpServer((_request, response) => response.end('<html>' + 'x'.repeat(4096))),
    )
    const failure = await failureOf({ url: `http://127.0.0.1:${port}/token`, maxResponseBytes: 1024 })
    expect(failure).toEqual({
      kind: 'too-large',
      code: 'ERR_TOKENDESK_TOO_LARGE',
      message: 'The response was larger than TokenDesk’s size cap of 1 KiB, so it stopped reading.',
    })
    const diagnosis = diagnoseNetworkFailure(failure, context(), `http://127.0.0.1:${port}/token`)
    expect(diagnosis.hints[0]?.message).toContain('the Token URL probably points at a page or a file')
  })

  it('calls https:// to a plain-HTTP port a TLS failure and suggests http://', async () => {
    const port = await listen(createHttpServer((_request, response) => response.end('{}')))
    const failure = await failureOf({ url: `https://127.0.0.1:${port}/token` })
    expect(failure).toMatchObject({ kind: 'tls', code: 'ERR_SSL_WRONG_VERSION_NUMBER' })
    const diagnosis = diagnoseNetworkFailure(failure, context(), `https://127.0.0.1:${port}/token`)
    expect(diagnosis.summary).toBe(
      `Could not set up a secure connection to 127.0.0.1:${port}: the server did not answer in TLS (ERR_SSL_WRONG_VERSION_NUMBER).`,
    )
    expect(diagnosis.hints[0]?.message).toContain('http:// versus https://')
    expect((await fetchFailure(`https://127.0.0.1:${port}/`)).code).toBe('ERR_SSL_WRONG_VERSION_NUMBER')
  })

  it('names a header holding a line break without quoting its value', async () => {
    const failure = await failureOf({
      url: 'http://127.0.0.1:9/',
      headers: [['x-api-key', 'hunter2\nsecret']],
    })
    expect(failure).toEqual({
      kind: 'other',
      code: 'ERR_INVALID_CHAR',
      message:
        'A header (x-api-key) contains a character that cannot be sent, such as a line break (ERR_INVALID_CHAR).',
    })
    expect(diagnoseNetworkFailure(failure, context(), 'http://127.0.0.1:9/').hints[0]?.code).toBe(
      'invalid-header-character',
    )
  })
})

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe.skipIf(!hasOpenssl)('classifyNetworkError with real certificates', () => {
  /** A self-signed certificate for tokendesk.test only, made fresh for the run. */
  function selfSignedCertificate(): { cert: string; key: string } {
    const dir = mkdtempSync(join(tmpdir(), 'tokendesk-tls-'))
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
        ].concat(
          ['-subj', '/CN=tokendesk.test', '-addext', 'subjectAltName=DNS:tokendesk.test'],
          ['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
        ),
        { stdio: 'ignore' },
      )
      return {
        cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
        key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it('names a self-signed certificate and says verification stays on', async () => {
    const port = await listen(
      createHttpsServer(selfSignedCertificate(), (_request, response) => response.end('{}')),
    )
    const failure = await failureOf({ url: `https://127.0.0.1:${port}/token` })
    expect(failure).toMatchObject({ kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    const diagnosis = diagnoseNetworkFailure(failure, context(), `https://127.0.0.1:${port}/token`)
    expect(diagnosis.summary).toContain('it presents a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)')
    expect(diagnosis.hints[0]?.message).toContain('certificate verification is never turned off')
  })

  it('names a certificate for another host name, even when its CA is trusted', async () => {
    const certificate = selfSignedCertificate()
    const port = await listen(createHttpsServer(certificate, (_request, response) => response.end('{}')))
    const failure = await failureOf({ url: `https://127.0.0.1:${port}/token`, tls: { ca: certificate.cert } })
    expect(failure).toMatchObject({ kind: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' })
    const diagnosis = diagnoseNetworkFailure(failure, context(), `https://127.0.0.1:${port}/token`)
    expect(diagnosis.summary).toContain('its certificate is for a different host name')
    expect(diagnosis.hints[0]?.message).toContain('Adding a CA does not fix a name mismatch')
  })
})

describe('classifyNetworkError with errors as Node shapes them', () => {
  it('calls an expired certificate a TLS failure and names it', () => {
    const failure = classifyNetworkError(
      Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
    )
    expect(failure).toEqual({
      kind: 'tls',
      code: 'CERT_HAS_EXPIRED',
      message: 'The secure connection failed: its certificate has expired (CERT_HAS_EXPIRED).',
    })
    expect(
      diagnoseNetworkFailure(failure, context(), 'https://auth.vendor.test/token').hints[0]?.message,
    ).toContain('Only the vendor can renew its certificate')
  })

  it('reads the errors of an AggregateError (Happy Eyeballs tries every address)', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' })
    const error = new TypeError('fetch failed', {
      cause: new AggregateError([refused('::1:8443'), refused('127.0.0.1:8443')]),
    })
    expect(classifyNetworkError(error)).toMatchObject({ kind: 'refused', code: 'ECONNREFUSED' })
  })

  it('survives a cause cycle and things that are not errors', () => {
    const looped: Error & { cause?: unknown } = new Error('loop')
    looped.cause = looped
    expect(classifyNetworkError(looped).kind).toBe('other')
    expect(classifyNetworkError('socket exploded')).toEqual({
      kind: 'other',
      message: 'The request failed before an answer arrived (unknown error).',
    })
    expect(classifyNetworkError(undefined).kind).toBe('other')
  })

  it('never copies the original message, which may quote the URL', () => {
    const error = Object.assign(new TypeError('Invalid URL: https://x.test/?client_secret=hunter2 oops'), {
      code: 'ERR_INVALID_URL',
    })
    const failure = classifyNetworkError(error)
    expect(failure).toEqual({
      kind: 'other',
      code: 'ERR_INVALID_URL',
      message: 'The URL is not valid (ERR_INVALID_URL).',
    })
    expectNoRequestData(failure)
  })
})
