import { afterEach, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { startAltitudeAngelEmulator, startSkyKickEmulator } from '../../sandbox/vendors'
import { altitudeAngel } from '../../presets/altitudeAngel'
import { skykickPartner } from '../../presets/skykick'
import { createTokenEngine } from '../engine'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function started<T extends { close(): Promise<void> }>(emulator: Promise<T>): Promise<T> {
  const running = await emulator
  closers.push(() => running.close())
  return running
}

function recordingEngine() {
  const exchanges: Exchange[] = []
  const engine = createTokenEngine({ env: {}, onExchange: ({ exchange }) => exchanges.push(exchange) })
  return { engine, exchanges }
}

const altitudeAngelIntegration = (
  emulator: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>,
): Integration => ({
  ...altitudeAngel.integration,
  tokenUrl: emulator.tokenUrl,
  authorizeUrl: emulator.authorizeUrl,
  clientId: emulator.credentials.clientId,
  clientSecret: emulator.credentials.clientSecret,
  scope: ['query_mapdata', 'talk_tower'],
  api: { ...altitudeAngel.integration.api, baseUrl: emulator.url },
})

describe('getToken: the cache, one request for many callers, the refresh token first', () => {
  it('exchanges an authorization code, then refreshes with rotation when the token is near expiry', async () => {
    const emulator = await started(startAltitudeAngelEmulator({ accessTokenTtlSeconds: 30 }))
    let clock = Date.now()
    const engine = createTokenEngine({ env: {}, now: () => clock })
    const code = emulator.issueCode({ redirectUri: 'http://127.0.0.1/callback' })
    const integration: Integration = {
      ...altitudeAngelIntegration(emulator),
      grant: 'authorization_code',
      redirectUri: 'http://127.0.0.1/callback',
    }
    const first = await engine.getToken(integration, { cacheKey: 'aa', input: { code } })
    expect(first.ok).toBe(true)
    if (!first.ok) return
    clock += 29_000 // inside the early-renewal window
    const renewed = await engine.getToken(integration, { cacheKey: 'aa' })
    expect(renewed.ok && renewed.source).toBe('refresh')
    if (!renewed.ok) return
    expect(renewed.token.refresh_token).not.toBe(first.token.refresh_token)
    expect(emulator.requests.at(-1)!.form).toMatchObject({
      grant_type: 'refresh_token',
      client_id: emulator.credentials.clientId,
    })
  })

  it('caches tokens so 50 API calls make one token request and stay under the rate limit', async () => {
    const emulator = await started(startSkyKickEmulator({ tokenRateLimit: 2 }))
    const { userId, subscriptionKey } = emulator.credentials
    const integration: Integration = {
      ...skykickPartner.integration,
      tokenUrl: emulator.tokenUrl,
      basicAuth: { username: userId, password: subscriptionKey },
      api: { ...skykickPartner.integration.api, baseUrl: emulator.url },
    }
    const { engine } = recordingEngine()
    const calls = await Promise.all(
      Array.from({ length: 50 }, () =>
        engine.callApi(integration, { method: 'GET', url: '/Alerts' }, { cacheKey: 'sk' }),
      ),
    )
    expect(calls.every((call) => call.ok)).toBe(true)
    expect(emulator.tokenRequestCount()).toBe(1)
  })
})
