import { describe, expect, it } from 'vitest'
import type { Integration } from '../../../shared/integration'
import { oidcClients } from '../../sandbox/oidcProvider'
import { formEncode } from '../../http/formEncoding'
import { createTokenEngine } from '../engine'

const machine: Integration = {
  grant: 'client_credentials',
  tokenUrl: 'https://login.example.com/token',
  clientId: oidcClients.machine.clientId,
  clientSecret: oidcClients.machine.clientSecret,
  clientAuth: 'body',
  scope: ['api:read'],
}

describe('the token request preview', () => {
  it('previews the request as curl with secrets masked, and reveals them only when asked', async () => {
    const engine = createTokenEngine({ env: {} })
    const masked = await engine.previewTokenRequest(machine)
    expect(masked.curl).not.toContain(oidcClients.machine.clientSecret)
    expect(masked.curl).not.toContain(encodeURIComponent(oidcClients.machine.clientSecret))
    expect(masked.curl).toContain('client_secret=••••••')
    const revealed = await engine.previewTokenRequest(machine, { reveal: true })
    expect(revealed.curl).toContain(`client_secret=${formEncode(oidcClients.machine.clientSecret)}`)
  })
})

describe('the request preview of a sign-in integration', () => {
  it('shows where the sign-in’s code goes instead of asking the user for a code', async () => {
    const engine = createTokenEngine({ env: {} })
    const integration = {
      grant: 'authorization_code',
      authorizeUrl: 'https://login.example.com/authorize',
      tokenUrl: 'https://login.example.com/token',
      clientId: 'app',
      clientAuth: 'none' as const,
      redirectUri: 'http://127.0.0.1/callback',
    }
    const preview = await engine.previewTokenRequest(integration)
    expect(preview.warnings.join('\n')).not.toMatch(/code/i)
    const revealed = await engine.previewTokenRequest(integration, { reveal: true })
    expect(new URLSearchParams(revealed.request.body ?? '').get('code')).toBe('‹code from the sign-in›')
  })
})
