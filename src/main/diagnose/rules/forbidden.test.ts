import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../../shared/integration'
import { createTokenEngine } from '../../oauth/engine'

/** What the token endpoint answers next; the API answers every call with a bare 403. */
let tokenResponse: Record<string, unknown> = {}
let origin = ''
let server: Server

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume()
    if (request.url === '/token') {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(tokenResponse))
      return
    }
    response.writeHead(403, { 'Content-Type': 'text/plain' }).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const integration = (overrides: Partial<Integration> = {}): Integration => ({
  grant: 'client_credentials',
  tokenUrl: `${origin}/token`,
  clientId: 'reports-client',
  clientSecret: 'reports-secret',
  clientAuth: 'body',
  scope: ['reports.read', 'reports.write'],
  ...overrides,
})

/** An unsigned JWT-shaped token: the API never checks it here, the diagnosis reads its claims. */
const jwt = (payload: Record<string, unknown>) =>
  [{ alg: 'none' }, payload]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.') + '.'

async function bare403(overrides: Partial<Integration> = {}) {
  const outcome = await createTokenEngine({ env: {} }).callApi(integration(overrides), {
    method: 'GET',
    url: `${origin}/reports`,
  })
  expect(outcome.status).toBe(403)
  const hints = outcome.diagnosis?.hints ?? []
  return { codes: hints.map((hint) => hint.code), text: hints.map((hint) => hint.message).join('\n') }
}

describe('a bare 403 from an API call, explained with what TokenDesk knows of the token', () => {
  it('says the token had expired, by its exp, before blaming anything else', async () => {
    const exp = Math.floor(Date.now() / 1000) - 600
    tokenResponse = { access_token: jwt({ exp, scope: 'reports.read reports.write' }), token_type: 'Bearer' }
    const { codes, text } = await bare403()
    expect(codes[0]).toBe('forbidden-expired-token')
    expect(text).toContain('The access token had expired 10 min before this call')
    expect(text).not.toContain('gateway key')
  })

  it('names the scopes asked for but not granted (token response "scope")', async () => {
    tokenResponse = {
      access_token: 'opaque-token',
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'reports.read',
    }
    const { codes, text } = await bare403()
    expect(codes[0]).toBe('forbidden-scope-not-granted')
    expect(text).toContain(
      'The vendor did not grant the scope "reports.write" that the integration asks for (the token has the scope "reports.read")',
    )
    expect(text).not.toContain('gateway key')
  })

  it('reads the granted scopes from the JWT’s scp when the response has no scope', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600
    tokenResponse = { access_token: jwt({ exp, scp: ['reports.read'] }), token_type: 'Bearer' }
    const { codes } = await bare403()
    expect(codes[0]).toBe('forbidden-scope-not-granted')
  })

  it('says a valid token with every scope asked is not the cause, and leaves out gateway keys when none is configured', async () => {
    tokenResponse = { access_token: 'opaque-token', token_type: 'Bearer', expires_in: 3600 }
    const { codes, text } = await bare403()
    expect(codes).toEqual(['forbidden-token-scopes', 'forbidden'])
    expect(text).toMatch(
      /The access token is still valid \([^)]+ left\) and carries the scopes "reports.read", "reports.write"/,
    )
    expect(text).not.toMatch(/gateway key|x-api-key/i)
  })

  it('mentions the gateway key only when the integration sends one', async () => {
    tokenResponse = { access_token: 'opaque-token', token_type: 'Bearer', expires_in: 3600 }
    const { text } = await bare403({ api: { headers: { 'x-api-key': 'gw-key-value' } } })
    expect(text).toContain('the gateway key in the x-api-key header')
    expect(text).not.toContain('gw-key-value')
  })
})
