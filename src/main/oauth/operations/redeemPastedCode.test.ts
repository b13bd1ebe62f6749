import { afterEach, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { startAffinityLiveEmulator } from '../../sandbox/vendors'
import { affinityLive } from '../../presets/affinityLive'
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

describe('redeemPastedCode: the PIN the vendor showed (AffinityLive’s installed-app flow)', () => {
  it('exchanges a pasted PIN with Basic client auth and comma-separated scopes', async () => {
    const emulator = await started(startAffinityLiveEmulator())
    const { engine } = recordingEngine()
    const pin = emulator.issuePin({ scope: 'companies,contacts' })
    const outcome = await engine.redeemPastedCode(affinityLiveIntegration(emulator), ` ${pin} `, {
      cacheKey: 'al',
    })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.scope).toBe('companies,contacts')
    expect(emulator.requests.at(-1)!.headers.authorization).toMatch(/^Basic /)
  })
})
