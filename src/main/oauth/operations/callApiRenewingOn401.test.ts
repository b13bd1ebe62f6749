import { describe, expect, it } from 'vitest'
import { MASKED } from '../../../shared/secretNames'
import { startAffinityLiveEmulator, startAltitudeAngelEmulator } from '../../sandbox/vendors'
import {
  started,
  recordingEngine,
  altitudeAngelIntegration,
  affinityLiveIntegration,
} from '../../../../tests/support/tokenEngineTests'

describe('callApiRenewingOn401: a 401 renews the token once and retries once', () => {
  it('heals a 401 from the API by refreshing once and retrying once', async () => {
    const emulator = await started(startAltitudeAngelEmulator())
    const { engine } = recordingEngine()
    const integration = altitudeAngelIntegration(emulator)
    expect(
      (await engine.callApi(integration, { method: 'GET', url: '/api/v1/flightreports' }, { cacheKey: 'aa' }))
        .ok,
    ).toBe(true)
    emulator.expireAccessTokens()
    const healed = await engine.callApi(
      integration,
      { method: 'GET', url: '/api/v1/flightreports' },
      { cacheKey: 'aa' },
    )
    expect(healed).toMatchObject({ ok: true, status: 200, renewedAfter401: true })
    expect(healed.exchanges.map((exchange) => exchange.response?.status)).toEqual([401, 200])
  })

  it('calls the API with the _bearer_token query parameter and heals a 401 with the refresh token', async () => {
    const emulator = await started(startAffinityLiveEmulator())
    const { engine } = recordingEngine()
    const integration = affinityLiveIntegration(emulator)
    const first = await engine.callApi(
      integration,
      { method: 'GET', url: '/public_api/v0/companies/1' },
      { cacheKey: 'al', input: { code: emulator.issuePin() } },
    )
    expect(first.ok).toBe(true)
    expect(emulator.requests.at(-1)!.query._bearer_token).toBeTruthy()
    expect(first.exchanges[0]!.request.url).toContain(`_bearer_token=${MASKED}`)
    emulator.expireAccessTokens()
    const healed = await engine.callApi(
      integration,
      { method: 'GET', url: '/public_api/v0/companies/1' },
      { cacheKey: 'al' },
    )
    expect(healed).toMatchObject({ ok: true, renewedAfter401: true })
  })
})
