import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERR_PUSHED_AUTHORIZATION, ERR_STATE_MISMATCH } from '../../../shared/errorCodes'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { approveAuthorization } from '../../../../tests/servers/oidcUserAgent'
import { createTokenEngine } from '../engine'
import { signInAndGetToken } from '../signIn/signInAndGetToken'

let oidc: OidcTestServer
let strict: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
  strict = await startOidcProvider({ requirePushedAuthorizationRequests: true })
})
afterAll(async () => {
  await oidc.close()
  await strict.close()
})

const nativeApp = (issuer: string, extra: Partial<Integration> = {}): Integration => ({
  grant: 'authorization_code',
  issuer,
  clientId: oidcClients.native.clientId,
  clientAuth: 'none',
  scope: ['openid', 'offline_access'],
  ...extra,
})

/** Signs in through a scripted browser that records what it was asked to open. */
async function signInRecording(integration: Integration) {
  const opened: string[] = []
  const exchanges: Exchange[] = []
  const engine = createTokenEngine({ env: {}, onExchange: ({ exchange }) => exchanges.push(exchange) })
  const outcome = await signInAndGetToken(
    {
      engine,
      openExternal: async (url) => {
        opened.push(url)
        await fetch(await approveAuthorization(url))
      },
    },
    integration,
    { via: 'browser' },
  )
  return { outcome, opened, exchanges }
}

describe('pushed authorization requests (RFC 9126) against oidc-provider', () => {
  it('pushes the request when the integration asks, opens the authorize page with only client_id and request_uri, and signs in', async () => {
    const { outcome, opened, exchanges } = await signInRecording(
      nativeApp(oidc.issuer, { signIn: { pushedAuthorization: true } }),
    )
    const authorize = new URL(opened[0]!)
    expect([...authorize.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri'])
    expect(authorize.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/)
    const pushed = exchanges.find((exchange) => exchange.purpose === 'pushed-authorization')!
    expect(pushed.response?.status).toBe(201)
    const sent = new URLSearchParams(pushed.request.body ?? '')
    expect(sent.get('code_challenge_method')).toBe('S256')
    expect(sent.getAll('client_id')).toEqual([oidcClients.native.clientId])
    expect(outcome.kind === 'token' && outcome.token.ok).toBe(true)
  })

  it('pushes by itself when discovery says the provider requires it', async () => {
    const { outcome, opened } = await signInRecording(nativeApp(strict.issuer))
    expect([...new URL(opened[0]!).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri'])
    expect(outcome.kind === 'token' && outcome.token.ok).toBe(true)
  })

  it('sends the full authorize URL when PAR is neither asked for nor required', async () => {
    const engine = createTokenEngine({ env: {} })
    const { attempt } = await engine.startSignIn(nativeApp(oidc.issuer), {
      redirectUri: 'http://127.0.0.1/callback',
    })
    const params = new URL(attempt.authorizeUrl).searchParams
    expect(params.get('request_uri')).toBeNull()
    expect(params.get('code_challenge')).toBeTruthy()
  })

  it('explains a refused push with the provider’s answer, before any page opens', async () => {
    const engine = createTokenEngine({ env: {} })
    const refused = await engine
      .startSignIn(
        nativeApp(oidc.issuer, { clientId: 'no-such-client', signIn: { pushedAuthorization: true } }),
        {
          redirectUri: 'http://127.0.0.1/callback',
        },
      )
      .catch((error: unknown) => error)
    expect(refused).toMatchObject({
      code: ERR_PUSHED_AUTHORIZATION,
      details: { diagnosis: { error: 'invalid_client' }, exchange: { purpose: 'pushed-authorization' } },
    })
  })

  it('explains invalid_request_uri when a pushed request is opened a second time', async () => {
    const engine = createTokenEngine({ env: {} })
    const integration = nativeApp(oidc.issuer, { signIn: { pushedAuthorization: true } })
    const { attempt } = await engine.startSignIn(integration, { redirectUri: 'http://127.0.0.1/callback' })
    await approveAuthorization(attempt.authorizeUrl)
    // The request_uri is single-use: opened again, the provider answers invalid_request_uri, without state.
    const again = await fetch(attempt.authorizeUrl, { redirect: 'manual' })
    const location = again.headers.get('location')!
    expect(new URL(location).searchParams.get('error')).toBe('invalid_request_uri')
    expect(() => attempt.complete({ url: location })).toThrow(
      expect.objectContaining({
        code: ERR_STATE_MISMATCH,
        message: expect.stringContaining('It carries the error "invalid_request_uri": The request_uri'),
      }),
    )
    expect(attempt.finished).toBe(false)
  })
})
