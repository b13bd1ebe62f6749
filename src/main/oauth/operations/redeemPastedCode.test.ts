import { describe, expect, it } from 'vitest'
import { startAffinityLiveEmulator } from '../../sandbox/vendors'
import { started, recordingEngine, affinityLiveIntegration } from '../../../../tests/support/tokenEngineTests'

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
