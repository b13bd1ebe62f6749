import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../../shared/integration'
import { startTestServer, type TestServer } from '../../sandbox/lib/testServer'
import type { Exchange } from '../../../shared/exchange'
import { createTokenEngine } from '../engine'

/** A token endpoint that answers with whatever body the test put in the path's last segment's slot. */
let server: TestServer
const bodies = new Map<string, string>()
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const body = bodies.get(req.url ?? '') ?? '{}'
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    res.end(body)
  })
})
afterAll(() => server.close())

const jwtWith = (payload: object) =>
  [{ alg: 'HS256', typ: 'JWT' }, payload]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.') + '.c2lnbmF0dXJl'

async function tokenFor(path: string, body: string) {
  bodies.set(path, body)
  const recorded: Exchange[] = []
  const engine = createTokenEngine({ env: {}, onExchange: ({ exchange }) => recorded.push(exchange) })
  const integration: Integration = {
    grant: 'client_credentials',
    tokenUrl: `${server.url}${path}`,
    clientId: 'client',
    clientSecret: 'secret',
    clientAuth: 'body',
  }
  return { outcome: await engine.getToken(integration), recorded }
}

describe('token responses with absurd times', () => {
  for (const [name, expiresIn] of [
    ['1e300', '1e300'],
    ['9e12', '9000000000000'],
    ['"99999999999999999999"', '"99999999999999999999"'],
  ] as const) {
    it(`keeps the token and warns when expires_in is ${name} seconds, and records the exchange`, async () => {
      const { outcome, recorded } = await tokenFor(
        `/absurd-${pathSafe(name)}`,
        `{"access_token":"abc","token_type":"Bearer","expires_in":${expiresIn}}`,
      )
      expect(outcome.ok).toBe(true)
      if (!outcome.ok) return
      expect(outcome.token.expires_at).toBeUndefined()
      expect(outcome.warnings.join('\n')).toMatch(/"expires_in" is .* more than 100 years/)
      expect(recorded).toHaveLength(1)
      expect(structuredClone(outcome)).toEqual(outcome)
    })
  }

  it('keeps the token and warns when the JWT’s exp (1e20) is beyond any date', async () => {
    const { outcome, recorded } = await tokenFor(
      '/jwt-exp',
      JSON.stringify({ access_token: jwtWith({ sub: 'x', exp: 1e20 }), token_type: 'Bearer' }),
    )
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.expires_at).toBeUndefined()
    expect(outcome.warnings.join('\n')).toContain(
      '"exp" claim (100000000000000000000) is beyond any representable date',
    )
    expect(recorded).toHaveLength(1)
  })

  it('still reads a 68-year "never expires" lifetime', async () => {
    const { outcome } = await tokenFor(
      '/int-max',
      '{"access_token":"abc","token_type":"Bearer","expires_in":2147483647}',
    )
    expect(outcome.ok && outcome.token.expires_in).toBe(2147483647)
  })
})

function pathSafe(name: string): string {
  return name.replace(/\W/g, '')
}
