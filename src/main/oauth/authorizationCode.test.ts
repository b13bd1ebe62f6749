import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERR_STATE_MISMATCH } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../../tests/servers/oidcProvider'
import { approveAuthorization } from '../../../tests/servers/oidcUserAgent'
import { completeAuthorization } from './authorization'
import { createTokenEngine } from './engine'

let oidc: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
})
afterAll(() => oidc.close())

const signIn = (): Integration => ({
  grant: 'authorization_code',
  issuer: oidc.issuer,
  clientId: oidcClients.web.clientId,
  clientSecret: oidcClients.web.clientSecret,
  clientAuth: 'basic',
  redirectUri: oidcClients.web.redirectUri,
  scope: ['openid', 'offline_access'],
})

describe('authorization code with PKCE, state and nonce against oidc-provider', () => {
  it('sends S256 PKCE, state and nonce, checks them on the way back, and gets tokens', async () => {
    const engine = createTokenEngine({ env: {} })
    const session = await engine.startAuthorization(signIn())
    const sent = new URL(session.authorizeUrl)
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256')
    expect(sent.searchParams.get('state')).toBe(session.state)
    expect(sent.searchParams.get('nonce')).toBe(session.nonce)

    const redirect = await approveAuthorization(session.authorizeUrl)
    const { code } = completeAuthorization(session, redirect.toString())
    const outcome = await engine.getToken(signIn(), {
      input: {
        code,
        codeVerifier: session.codeVerifier,
        redirectUri: session.redirectUri,
        nonce: session.nonce,
      },
    })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.id_token).toBeTruthy()
    expect(outcome.token.refresh_token).toBeTruthy()
  })

  it('refuses an answer whose state belongs to another attempt', async () => {
    const engine = createTokenEngine({ env: {} })
    const session = await engine.startAuthorization(signIn())
    const redirect = await approveAuthorization(session.authorizeUrl)
    redirect.searchParams.set('state', 'from-another-tab')
    expect(() => completeAuthorization(session, redirect.toString())).toThrow(
      expect.objectContaining({ code: ERR_STATE_MISMATCH }),
    )
  })

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const engine = createTokenEngine({ env: {} })
    const session = await engine.startAuthorization(signIn())
    const { code } = completeAuthorization(
      session,
      (await approveAuthorization(session.authorizeUrl)).toString(),
    )
    const outcome = await engine.getToken(signIn(), {
      input: {
        code,
        codeVerifier: session.codeVerifier,
        redirectUri: session.redirectUri,
        nonce: 'a-nonce-from-elsewhere',
      },
    })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(JSON.stringify(outcome.diagnosis)).toContain('belongs to another sign-in')
  })

  it('refuses a code redeemed without its PKCE verifier', async () => {
    const engine = createTokenEngine({ env: {} })
    const session = await engine.startAuthorization(signIn())
    const { code } = completeAuthorization(
      session,
      (await approveAuthorization(session.authorizeUrl)).toString(),
    )
    const outcome = await engine.getToken(signIn(), { input: { code, redirectUri: session.redirectUri } })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.error).toBe('invalid_grant')
  })
})
