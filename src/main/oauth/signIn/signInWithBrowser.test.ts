import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ERR_AUTHORIZATION_DENIED,
  ERR_ISSUER_MISMATCH,
  ERR_REDIRECT_MISMATCH,
  ERR_SIGN_IN_TIMEOUT,
  ERR_STATE_MISMATCH,
} from '../../../shared/errorCodes'
import type { Integration } from '../../../shared/integration'
import type { SignInOutcome } from '../../../shared/signIn'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { approveAuthorization } from '../../../../tests/servers/oidcUserAgent'
import { createTokenEngine } from '../engine'
import { signInAndGetToken } from './signInAndGetToken'

let oidc: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
})
afterAll(() => oidc.close())

const nativeApp = (extra: Partial<Integration> = {}): Integration => ({
  name: 'OpenID provider',
  grant: 'authorization_code',
  issuer: oidc.issuer,
  clientId: oidcClients.native.clientId,
  clientAuth: 'none',
  pkce: true,
  scope: ['openid', 'offline_access'],
  ...extra,
})

/** The user's browser: signs in and consents on the provider's pages, then follows (or alters) its redirect. */
type Browser = (authorizeUrl: string) => Promise<void>
const listenerPorts: number[] = []

function follow(change?: (redirect: URL) => URL | string): Browser {
  return async (authorizeUrl) => {
    listenerPorts.push(Number(new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!).port))
    const redirect = await approveAuthorization(authorizeUrl)
    const target = change ? change(new URL(redirect)) : redirect
    const url = new URL(target)
    if (url.hash) {
      // response_mode=fragment: the browser never sends it; the listener's page posts it back.
      const page = await fetch(new URL(url.pathname, url))
      expect(await page.text()).toContain('Finishing sign-in')
      await fetch(new URL(url.pathname, url), { method: 'POST', body: url.hash.slice(1) })
    } else await fetch(url)
  }
}

function signIn(browser: Browser, integration = nativeApp(), timeoutMs?: number): Promise<SignInOutcome> {
  const engine = createTokenEngine({ env: {} })
  return signInAndGetToken({ engine, openExternal: browser }, integration, { via: 'browser', timeoutMs })
}

/** After any ending, nothing listens on the loopback port any more. */
async function expectListenerClosed(): Promise<void> {
  const port = listenerPorts.at(-1)!
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(true))
  })
  expect(refused, `port ${port} still listening`).toBe(true)
}

describe('sign-in with the system browser and a loopback redirect, against oidc-provider', () => {
  it('signs in with PKCE, redeems the code and shows a validated ID token', async () => {
    const outcome = await signIn(follow())
    expect(outcome.kind).toBe('token')
    if (outcome.kind !== 'token' || !outcome.token.ok) throw new Error(JSON.stringify(outcome))
    expect(outcome.token.token.refresh_token).toBeTruthy()
    expect(outcome.idToken?.verification.valid).toBe(true)
    const checks = Object.fromEntries(
      outcome.idToken!.verification.checks.map((check) => [check.id, check.ok]),
    )
    expect(checks).toMatchObject({ nonce: true, aud: true, iss: true })
    expect(outcome.idToken!.decoded.payload['sub']).toBe('tester@example.com')
    await expectListenerClosed()
  })

  it.each(['fragment', 'form_post'] as const)('takes a %s answer', async (responseMode) => {
    const browser: Browser =
      responseMode === 'form_post'
        ? async (authorizeUrl) => {
            listenerPorts.push(Number(new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!).port))
            // approveAuthorization turns the self-submitting form into a URL; post its fields as the browser would.
            const redirect = await approveAuthorization(authorizeUrl)
            const body = redirect.searchParams.toString()
            await fetch(new URL(redirect.pathname, redirect), {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body,
            })
          }
        : follow()
    const outcome = await signIn(browser, nativeApp({ signIn: { responseMode } }))
    expect(outcome.kind === 'token' && outcome.token.ok).toBe(true)
    await expectListenerClosed()
  })

  const refusals: Array<[string, (redirect: URL) => URL | string, string]> = [
    ['a tampered state', (url) => (url.searchParams.set('state', 'tampered'), url), ERR_STATE_MISMATCH],
    ['a missing state', (url) => (url.searchParams.delete('state'), url), ERR_STATE_MISMATCH],
    [
      'a wrong iss (RFC 9207 mix-up)',
      (url) => (url.searchParams.set('iss', 'https://evil.example'), url),
      ERR_ISSUER_MISMATCH,
    ],
    [
      'no iss from a provider that promises one',
      (url) => (url.searchParams.delete('iss'), url),
      ERR_ISSUER_MISMATCH,
    ],
    ['a redirect to another path', (url) => ((url.pathname = '/elsewhere'), url), ERR_REDIRECT_MISMATCH],
    [
      'error=access_denied',
      (url) => {
        const denied = new URL(url.pathname, url)
        denied.search = new URLSearchParams({
          error: 'access_denied',
          error_description: 'The user said no',
          state: url.searchParams.get('state')!,
          iss: url.searchParams.get('iss')!,
        }).toString()
        return denied
      },
      ERR_AUTHORIZATION_DENIED,
    ],
  ]
  it.each(refusals)(
    'ends %s with a clear message, no token and the listener closed',
    async (_name, change, code) => {
      const outcome = signIn(follow(change))
      await expect(outcome).rejects.toMatchObject({ code })
      await expectListenerClosed()
    },
  )

  it('reports the provider’s own words for a refusal', async () => {
    await expect(signIn(follow(refusals[5]![1]))).rejects.toThrow(
      'The provider answered "access_denied": The user said no.',
    )
  })

  it('gives up after the timeout when the browser never comes back, and closes the listener', async () => {
    const outcome = signIn(
      async (authorizeUrl) => {
        listenerPorts.push(Number(new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!).port))
      },
      nativeApp(),
      300,
    )
    await expect(outcome).rejects.toMatchObject({ code: ERR_SIGN_IN_TIMEOUT })
    await expectListenerClosed()
  })

  it('answers only once: a second callback finds nobody listening', async () => {
    let second: Promise<unknown> = Promise.resolve()
    const outcome = await signIn(async (authorizeUrl) => {
      await follow()(authorizeUrl)
      second = fetch(`http://127.0.0.1:${listenerPorts.at(-1)}/callback?code=again&state=x`).then(
        (response) => response.status,
        () => 'refused',
      )
    })
    expect(outcome.kind === 'token' && outcome.token.ok).toBe(true)
    expect(await second).toBe('refused')
  })

  it('redeems a new code even when a refresh token is cached', async () => {
    const engine = createTokenEngine({ env: {} })
    const deps = { engine, openExternal: follow() }
    const first = await signInAndGetToken(deps, nativeApp(), { via: 'browser', cacheKey: 'same' })
    const second = await signInAndGetToken(deps, nativeApp(), { via: 'browser', cacheKey: 'same' })
    if (first.kind !== 'token' || !first.token.ok || second.kind !== 'token' || !second.token.ok)
      throw new Error('no token')
    expect(second.token.source).toBe('network')
    expect(second.token.token.access_token).not.toBe(first.token.token.access_token)
  })

  it('refuses a Redirect URI the browser cannot hand back, naming the field', async () => {
    await expect(
      signIn(follow(), nativeApp({ redirectUri: 'https://app.example.com/callback' })),
    ).rejects.toMatchObject({ field: 'redirectUri' })
  })
})

describe('sign-out at the provider (RP-initiated logout)', () => {
  it('opens the end_session_endpoint with the ID token as a hint, and forgets the tokens here', async () => {
    const { nodePlatform } = await import('../../../../tests/support/nodePlatform')
    const { createServices } = await import('../../services')
    const { createHandlers } = await import('../../handlers')
    const { dispatchCall } = await import('../../dispatch')
    const platform = nodePlatform()
    platform.playBrowser((url) => void follow()(url))
    const services = createServices(platform.platform)
    const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services })
    const saved = await dispatchCall(handlers, 'integrations.save', {
      integration: nativeApp(),
      tokenStorage: 'disk',
    })
    if (!saved.ok) throw new Error(saved.error.message)
    const id = (saved.value as { id: string }).id
    const signedIn = await dispatchCall(handlers, 'signIn.start', { id, via: 'browser' })
    expect(signedIn.ok && (signedIn.value as SignInOutcome).kind).toBe('token')
    const idToken = services.engine.cache.get(id)?.token.id_token
    expect(idToken).toBeTruthy()

    platform.playBrowser(() => undefined)
    const signedOut = await dispatchCall(handlers, 'signIn.signOut', { id })
    if (!signedOut.ok) throw new Error(signedOut.error.message)
    const opened = new URL(platform.openedUrls.at(-1)!)
    expect(opened.searchParams.get('id_token_hint')).toBe(idToken)
    expect(opened.searchParams.get('client_id')).toBe(oidcClients.native.clientId)
    // The window is told where, without the user's ID token in it.
    expect((signedOut.value as { signOutPage: string }).signOutPage).not.toContain('id_token_hint')
    // The provider accepts the request: its own "sign out?" page, not an error.
    const page = await fetch(opened)
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/logout|sign.?out/i)
    expect(services.engine.cache.get(id)).toBeUndefined()
    expect(services.vault.getTokens(id)).toBeUndefined()
  })
})
