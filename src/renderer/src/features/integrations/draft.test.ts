import { describe, expect, it } from 'vitest'
import { integrationSchema, TOKEN_TYPES } from '@shared/integration'
import { draftFromPreset, integrationFromDraft } from './draft'

describe('the form keeps the OAuth standards settings', () => {
  it('saves token exchange, JWT bearer, DPoP, PAR and the revocation URL as typed', () => {
    const integration = {
      name: 'Standards',
      grant: 'token_exchange',
      tokenUrl: 'https://auth.example.com/token',
      revocationUrl: 'https://auth.example.com/revoke',
      signIn: { pushedAuthorization: true },
      tokenExchange: {
        subjectToken: 'subject',
        subjectTokenType: TOKEN_TYPES.access_token,
        audience: ['https://api.example.com'],
        requestedTokenType: TOKEN_TYPES.jwt,
      },
      jwtBearer: { issuer: 'me', subject: 'you', expiresInSeconds: 120 },
      dpop: { enabled: true, algorithm: 'EdDSA' as const },
    }
    const saved = integrationFromDraft(draftFromPreset(integration))
    expect(saved).toEqual(integration)
    expect(integrationSchema.safeParse(saved).success).toBe(true)
  })

  it('drops cleared fields of a block, and the block once nothing is left', () => {
    const draft = draftFromPreset({
      grant: 'token_exchange',
      tokenExchange: { subjectToken: 'subject', actorToken: '', audience: [], resource: [] },
      jwtBearer: { assertion: '', issuer: '' },
    })
    const saved = integrationFromDraft(draft)
    expect(saved.tokenExchange).toEqual({ subjectToken: 'subject' })
    expect(saved).not.toHaveProperty('jwtBearer')
  })
})
