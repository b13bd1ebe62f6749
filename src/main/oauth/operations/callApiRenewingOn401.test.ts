import { afterEach, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { MASKED } from '../../../shared/secretNames'
import { startAffinityLiveEmulator, startAltitudeAngelEmulator } from '../../sandbox/vendors'
import { affinityLive } from '../../presets/affinityLive'
import { altitudeAngel } from '../../presets/altitudeAngel'
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

const affinityLiveIntegration = (
  emulator: Awaited<ReturnType<typeof startAffinityLiveEmulator>>,
): Integration => ({
  ...affinityLive.integration,
  tokenUrl: emulator.tokenUrl,
  authorizeUrl: emulator.authorizeUrl,
  clientId: emulator.credentials.clientId,
  clientSecret: emulator.credentials.clientSecret,
  api: { ...affinityLive.integration.api, baseUrl: emulator.url, tokenPlacement: 'query' },
})

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
