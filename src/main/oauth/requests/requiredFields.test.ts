import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAvionteEmulator, startSkyKickEmulator, type AvionteEmulator } from '../../sandbox/vendors'
import { findPreset } from '../../presets'
import { createTokenEngine } from '../engine'

let avionte: AvionteEmulator
beforeAll(async () => {
  avionte = await startAvionteEmulator()
})
afterAll(() => avionte.close())

const avionteIntegration = (apiKey: string, secret = avionte.credentials.clientSecret) => ({
  ...findPreset('avionte-bold')!.integration,
  tokenUrl: avionte.tokenUrl,
  clientId: avionte.credentials.clientId,
  clientSecret: secret,
  tokenRequest: { headers: { 'x-api-key': apiKey } },
})

describe('a preset’s required vendor fields', () => {
  it('refuses to send Avionté’s token request without the API key, naming it by its label', async () => {
    const before = avionte.requests.length
    await expect(createTokenEngine().getToken(avionteIntegration(''))).rejects.toMatchObject({
      message:
        'Still needed before a token can be requested: API key. Fill in the API key: Sent as x-api-key, given to you by Avionté.',
      field: 'tokenRequest.headers.x-api-key',
    })
    expect(avionte.requests.length).toBe(before)
  })

  it('lists every missing field at once by its visible label, the vendor’s own where it has one', async () => {
    const engine = createTokenEngine()
    const error = await engine
      .getToken({ ...avionteIntegration(''), clientId: '', clientSecret: undefined })
      .then(
        () => null,
        (thrown: unknown) => thrown as { message: string; field?: string; details?: { missing: unknown[] } },
      )
    expect(error?.message).toBe(
      'Still needed before a token can be requested: Client ID, Client secret and API key.',
    )
    expect(error?.field).toBe('clientId')
    expect(error?.details?.missing).toEqual([
      expect.objectContaining({ field: 'clientId', label: 'Client ID' }),
      expect.objectContaining({ field: 'clientSecret', label: 'Client secret' }),
      expect.objectContaining({ field: 'tokenRequest.headers.x-api-key', label: 'API key' }),
    ])
  })

  it('previews an empty API key as empty, not as a mask, and says it is still needed', async () => {
    const preview = await createTokenEngine().previewTokenRequest(avionteIntegration(''))
    expect(preview.request.headers).toContainEqual(['x-api-key', ''])
    expect(preview.warnings).toContainEqual(expect.stringMatching(/^Still needed — API key: .*Avionté/))
  })

  it('sends the request once the API key is filled in', async () => {
    const outcome = await createTokenEngine().getToken(avionteIntegration(avionte.credentials.apiKey))
    expect(outcome.ok).toBe(true)
  })

  it('names SkyKick’s Basic credentials as SkyKick does: API user ID and Subscription key', async () => {
    const skykick = await startSkyKickEmulator()
    try {
      const integration = { ...findPreset('skykick-partner')!.integration, tokenUrl: skykick.tokenUrl }
      const error = await createTokenEngine()
        .getToken(integration)
        .then(
          () => null,
          (thrown: unknown) => thrown as { message: string },
        )
      expect(error?.message).toBe(
        'Still needed before a token can be requested: API user ID and Subscription key.',
      )
      expect(skykick.requests).toHaveLength(0)
    } finally {
      await skykick.close()
    }
  })
})
