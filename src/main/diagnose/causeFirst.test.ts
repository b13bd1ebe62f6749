import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startAltitudeAngelEmulator,
  startAvionteEmulator,
  type AltitudeAngelEmulator,
  type AvionteEmulator,
} from '../sandbox/vendors'
import type { Integration } from '../../shared/integration'
import { createTokenEngine } from '../oauth/engine'
import { findPreset } from '../presets'

let avionte: AvionteEmulator
let altitudeAngel: AltitudeAngelEmulator
let bare403: Server
let bare403Url: string
beforeAll(async () => {
  avionte = await startAvionteEmulator()
  altitudeAngel = await startAltitudeAngelEmulator()
  // Some servers answer bad client credentials with a bare 403 and nothing else.
  bare403 = createServer((_request, response) => response.writeHead(403).end())
  await new Promise<void>((resolve) => bare403.listen(0, '127.0.0.1', resolve))
  bare403Url = `http://127.0.0.1:${(bare403.address() as AddressInfo).port}/token`
})
afterAll(async () => {
  await avionte.close()
  await altitudeAngel.close()
  await new Promise((resolve) => bare403.close(resolve))
})

async function refusal(integration: Integration) {
  const outcome = await createTokenEngine().getToken(integration)
  if (outcome.ok) throw new Error('expected a refusal')
  return outcome.diagnosis
}

describe('a diagnosis leads with the cause and never contradicts the preset', () => {
  it('Altitude Angel: the vendor’s own words come first, and no hint says to try Basic', async () => {
    const diagnosis = await refusal({
      ...findPreset('altitude-angel')!.integration,
      tokenUrl: altitudeAngel.tokenUrl,
      clientId: altitudeAngel.credentials.clientId,
      clientSecret: 'not-the-secret',
    })
    expect(diagnosis.summary).toMatch(/^Altitude Angel said: Invalid client secret/)
    expect(diagnosis.hints.map((hint) => hint.message).join(' ')).not.toMatch(/Basic/)
    const advice = diagnosis.hints.find((hint) => hint.code === 'client-auth-style')
    expect(advice?.message).toContain('as Altitude Angel documents')
    expect(advice?.field).toBe('clientSecret')
  })

  it('Avionté: a refused secret sent in the body, as documented, is not told to switch to Basic', async () => {
    const diagnosis = await refusal({
      ...findPreset('avionte-bold')!.integration,
      tokenUrl: avionte.tokenUrl,
      clientId: avionte.credentials.clientId,
      clientSecret: 'not-the-secret',
      tokenRequest: { headers: { 'x-api-key': avionte.credentials.apiKey } },
    })
    expect(diagnosis.hints.map((hint) => hint.message).join(' ')).not.toMatch(/try .*Basic/)
  })

  it('a bare 403 still gets the client-credential hints, naming the form control to change', async () => {
    const diagnosis = await refusal({
      grant: 'client_credentials',
      tokenUrl: bare403Url,
      clientId: 'my-app',
      clientSecret: 'pa+ss&word',
      clientAuth: 'basic',
    })
    const encoding = diagnosis.hints.find((hint) => hint.code === 'secret-encoding')
    expect(encoding?.message).toContain(
      'this server may not decode Basic credentials that way: try sending them in the body (“Send client credentials”: “In the form body”)',
    )
    expect(encoding?.field).toBe('clientAuth')
  })

  it('a Token URL that names no server says which field holds it', async () => {
    const outcome = await createTokenEngine().getToken({
      grant: 'client_credentials',
      tokenUrl: 'htp:/typo',
      clientId: 'my-app',
      clientSecret: 'secret',
      clientAuth: 'body',
    })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.summary).toBe(
      'The Token URL "htp:/typo" is not a web address TokenDesk can reach: it should start with https:// and a server name.',
    )
  })
})
