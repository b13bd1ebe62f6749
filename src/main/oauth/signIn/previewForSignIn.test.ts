import { describe, expect, it } from 'vitest'
import { createTokenEngine } from '../engine'

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
