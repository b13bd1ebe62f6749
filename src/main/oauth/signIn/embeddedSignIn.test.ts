import { describe, expect, it } from 'vitest'
import {
  ERR_CANCELLED,
  ERR_NOT_A_CODE,
  ERR_SIGN_IN_CLOSED,
  ERR_STATE_MISMATCH,
} from '../../../shared/errorCodes'
import { resolveIntegration } from '../../integration/resolve'
import { SignInSessions as ConsentSessions } from '../state/signInSessions'
import { embeddedBrowserRefusal, watchEmbeddedSignIn } from './embeddedSignIn'
import { startSignIn } from './signInAttempt'

const resolved = resolveIntegration(
  {
    grant: 'authorization_code',
    authorizeUrl: 'https://login.example.com/authorize',
    tokenUrl: 'https://login.example.com/token',
    clientId: 'app',
    pkce: true,
    scope: ['openid'],
  },
  {},
)
const attemptFor = (redirectUri = 'com.example.app:/oauth/callback') => startSignIn(resolved, { redirectUri })
const answerTo = (authorizeUrl: string, base: string, extra: Record<string, string> = {}) => {
  const state = new URL(authorizeUrl).searchParams.get('state')!
  const url = new URL(base)
  url.search = new URLSearchParams({ code: 'the-code', state, ...extra }).toString()
  return url.toString()
}

describe('the embedded window’s sign-in, fed its navigation events', () => {
  it('catches a custom-scheme redirect before it loads and hands over the code with its verifier', async () => {
    const attempt = attemptFor()
    const watcher = watchEmbeddedSignIn(attempt)
    expect(watcher.report({ kind: 'will-navigate', url: 'https://login.example.com/consent' })).toEqual({
      cancel: false,
    })
    const redirect = answerTo(attempt.authorizeUrl, 'com.example.app:/oauth/callback')
    expect(watcher.report({ kind: 'will-redirect', url: redirect })).toEqual({ cancel: true })
    // The same redirect seen again by another event is still cancelled, and changes nothing.
    expect(watcher.report({ kind: 'before-request', url: redirect })).toEqual({ cancel: true })
    const outcome = await watcher.outcome
    expect(outcome).toMatchObject({ kind: 'code', code: { code: 'the-code' } })
    if (outcome.kind === 'code') expect(outcome.code.codeVerifier).toHaveLength(43)
  })

  it('ignores the load failure its own cancellation causes', async () => {
    const attempt = attemptFor('http://127.0.0.1:7777/callback')
    const watcher = watchEmbeddedSignIn(attempt)
    const redirect = answerTo(attempt.authorizeUrl, 'http://127.0.0.1:7777/callback')
    watcher.report({
      kind: 'did-fail-load',
      url: redirect,
      errorDescription: 'ERR_BLOCKED_BY_CLIENT',
      isMainFrame: true,
    })
    watcher.report({ kind: 'before-request', url: redirect })
    expect((await watcher.outcome).kind).toBe('code')
  })

  it('a tampered state ends the attempt with the state error, and no code', async () => {
    const attempt = attemptFor()
    const watcher = watchEmbeddedSignIn(attempt)
    watcher.report({ kind: 'did-navigate', url: 'com.example.app:/oauth/callback?code=x&state=forged' })
    await expect(watcher.outcome).rejects.toMatchObject({ code: ERR_STATE_MISMATCH })
  })

  it('closing the window, or Cancel, ends it cleanly', async () => {
    const closed = watchEmbeddedSignIn(attemptFor())
    closed.report({ kind: 'closed' })
    await expect(closed.outcome).rejects.toMatchObject({ code: ERR_SIGN_IN_CLOSED })
    const cancelled = watchEmbeddedSignIn(attemptFor())
    cancelled.report({ kind: 'cancelled' })
    await expect(cancelled.outcome).rejects.toMatchObject({ code: ERR_CANCELLED })
  })

  it('offers the browser when a page refuses embedded sign-in or does not load', async () => {
    const google = watchEmbeddedSignIn(attemptFor())
    google.report({
      kind: 'page-text',
      url: 'https://accounts.google.com/signin/oauth/error',
      text: 'Access blocked: This app’s request is invalid\n\nError 403: disallowed_useragent',
    })
    expect(await google.outcome).toEqual({
      kind: 'use-browser',
      reason: expect.stringContaining('disallowed_useragent'),
    })
    const offline = watchEmbeddedSignIn(attemptFor())
    offline.report({
      kind: 'did-fail-load',
      url: 'https://sso.corp.example/',
      errorDescription: 'ERR_NAME_NOT_RESOLVED',
      isMainFrame: true,
    })
    expect(await offline.outcome).toEqual({
      kind: 'use-browser',
      reason: expect.stringContaining('https://sso.corp.example'),
    })
  })

  it('recognizes the refusals providers show', () => {
    expect(
      embeddedBrowserRefusal('Couldn’t sign you in. This browser or app may not be secure.'),
    ).toBeDefined()
    expect(embeddedBrowserRefusal('Use your passkey to sign in')).toBeDefined()
    expect(embeddedBrowserRefusal('Welcome back! Enter your password.')).toBeUndefined()
  })
})

describe('a pasted answer (PIN, code, or the address the browser ended on)', () => {
  it('takes a bare PIN with the attempt’s PKCE verifier', () => {
    const sessions = new ConsentSessions()
    const attempt = attemptFor()
    sessions.remember('i', attempt)
    expect(sessions.grantInput('i', ' 483920 ')).toEqual({ code: '483920', ...attempt.pkce })
  })

  it('says a browser error page holds no code, instead of sending it to the vendor', () => {
    const sessions = new ConsentSessions()
    sessions.remember('i', attemptFor())
    expect(() => sessions.grantInput('i', 'chrome-error://chromewebdata/')).toThrow(
      expect.objectContaining({ code: ERR_NOT_A_CODE, field: 'code' }),
    )
    expect(() => sessions.grantInput('i', 'http://127.0.0.1:5555/callback')).toThrow(
      expect.objectContaining({ code: ERR_NOT_A_CODE }),
    )
  })

  it('checks a pasted address against the attempt (state)', () => {
    const sessions = new ConsentSessions()
    const attempt = attemptFor()
    sessions.remember('i', attempt)
    expect(
      sessions.grantInput('i', answerTo(attempt.authorizeUrl, 'com.example.app:/oauth/callback')).code,
    ).toBe('the-code')
    const other = attemptFor()
    sessions.remember('j', other)
    expect(() =>
      sessions.grantInput('j', answerTo(attempt.authorizeUrl, 'com.example.app:/oauth/callback')),
    ).toThrow(expect.objectContaining({ code: ERR_STATE_MISMATCH }))
  })
})
