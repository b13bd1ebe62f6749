import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import {
  OIDC_API_RESOURCE,
  oidcClients,
  startOidcProvider,
  type OidcTestServer,
} from '../../sandbox/oidcProvider'
import { createTokenEngine } from '../engine'

let oidc: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
})
afterAll(() => oidc.close())

const machine = (overrides: Partial<Integration> = {}): Integration => ({
  grant: 'client_credentials',
  tokenUrl: oidc.tokenUrl,
  clientId: oidcClients.machine.clientId,
  clientSecret: oidcClients.machine.clientSecret,
  clientAuth: 'basic',
  scope: ['api:read'],
  ...overrides,
})

function recordingEngine() {
  const exchanges: Exchange[] = []
  const engine = createTokenEngine({ onExchange: ({ exchange }) => exchanges.push(exchange) })
  return { engine, exchanges }
}

describe('client_credentials against oidc-provider', () => {
  it('sends the secret with + / = & % form-encoded inside Basic (RFC 6749 §2.3.1) and gets a JWT', async () => {
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken(machine())
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.jwt?.payload.aud).toBe(OIDC_API_RESOURCE)
    expect(outcome.jwt?.payload.scope).toBe('api:read')
    expect(Date.parse(outcome.token.expires_at!)).toBeGreaterThan(Date.now())
    expect(exchanges[0]!.request.headers).toContainEqual(['Authorization', 'Basic ••••••'])
  })

  it('sends the secret in the form body when asked', async () => {
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken(
      machine({
        clientId: oidcClients.machinePost.clientId,
        clientSecret: oidcClients.machinePost.clientSecret,
        clientAuth: 'body',
      }),
    )
    expect(outcome.ok).toBe(true)
    expect(exchanges[0]!.request.body).toBe(
      'grant_type=client_credentials&scope=api%3Aread&client_id=machine-post-client&client_secret=••••••',
    )
  })

  it('always sends form-urlencoded and asks for JSON', async () => {
    const { engine, exchanges } = recordingEngine()
    await engine.getToken(machine())
    expect(exchanges[0]!.request.headers.slice(0, 2)).toEqual([
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Accept', 'application/json'],
    ])
  })

  it('reuses the cached token, and 1,000 simultaneous callers share one request', async () => {
    const { engine, exchanges } = recordingEngine()
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, () => engine.getToken(machine(), { cacheKey: 'machine' })),
    )
    expect(exchanges).toHaveLength(1)
    const tokens = new Set(outcomes.map((outcome) => (outcome.ok ? outcome.token.access_token : 'failed')))
    expect([...tokens]).toHaveLength(1)
    const again = await engine.getToken(machine(), { cacheKey: 'machine' })
    expect(again.ok && again.source).toBe('cache')
    expect(exchanges).toHaveLength(1)
  })

  it('discovers the token endpoint from the issuer and checks the auth style against the metadata', async () => {
    const { engine } = recordingEngine()
    const outcome = await engine.getToken(
      machine({ tokenUrl: undefined, issuer: oidc.issuer, clientAuth: 'basic' }),
    )
    expect(outcome.ok).toBe(true)
    const query = await engine
      .previewTokenRequest(
        machine({
          tokenUrl: undefined,
          issuer: oidc.issuer,
          clientAuth: 'private_key_jwt',
          clientAssertionKey: 'x',
        }),
      )
      .catch((error: Error) => error)
    expect(query).toBeInstanceOf(Error) // the key is unreadable: named, not a crash
  })

  it('explains a discovery failure like a refused token request, naming the Issuer, instead of failing', async () => {
    const { engine, exchanges } = recordingEngine()
    const wrong = await engine.getToken(machine({ tokenUrl: undefined, issuer: `${oidc.issuer}/elsewhere` }))
    expect(wrong.ok).toBe(false)
    if (wrong.ok) return
    expect(wrong.diagnosis).toMatchObject({ kind: 'http-error', status: 404 })
    expect(wrong.diagnosis.summary).toContain('answered HTTP 404')
    expect(wrong.diagnosis.hints.map((hint) => hint.field)).toContain('issuer')
    expect(wrong.exchange?.purpose).toBe('discovery')
    expect(exchanges.filter((exchange) => exchange.purpose === 'discovery')).toHaveLength(1)
    expect(exchanges.some((exchange) => exchange.purpose === 'token')).toBe(false)

    const unreachable = await engine.callApi(machine({ tokenUrl: undefined, issuer: 'http://127.0.0.1:1' }), {
      method: 'GET',
      url: 'http://127.0.0.1:1/api',
    })
    expect(unreachable.ok).toBe(false)
    expect(unreachable.tokenFailure?.diagnosis.kind).toBe('network')
    expect(unreachable.tokenFailure?.diagnosis.summary).toContain('Could not reach')
  })

  it('diagnoses a wrong secret as refused client credentials', async () => {
    const { engine } = recordingEngine()
    const outcome = await engine.getToken(machine({ clientSecret: 'wrong-secret+&' }))
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.status).toBe(401)
    expect(outcome.diagnosis.error).toBe('invalid_client')
    expect(outcome.diagnosis.hints.map((hint) => hint.code)).toContain('secret-encoding')
  })
})
