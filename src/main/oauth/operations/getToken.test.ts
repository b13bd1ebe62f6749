import { describe, expect, it } from 'vitest'
import type { Integration } from '../../../shared/integration'
import { startAltitudeAngelEmulator, startSkyKickEmulator } from '../../sandbox/vendors'
import { skykickPartner } from '../../presets/skykick'
import { createTokenEngine } from '../engine'
import {
  started,
  recordingEngine,
  altitudeAngelIntegration,
} from '../../../../tests/support/tokenEngineTests'

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
