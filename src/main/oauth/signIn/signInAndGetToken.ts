import { ERR_INTEGRATION_INCOMPLETE, ERR_INTEGRATION_INVALID } from '../../../shared/errorCodes'
import type { Integration } from '../../../shared/integration'
import type { SignInOutcome } from '../../../shared/signIn'
import type { TokenOutcome } from '../../../shared/token'
import { TokenDeskError } from '../../errors'
import type { ProxySetting } from '../../http/proxy'
import type { ResolvedIntegration } from '../../integration/resolve'
import { decodeToken } from '../../jwt/decode'
import type { GrantInput } from '../requests/grants/grant'
import { watchEmbeddedSignIn, type EmbeddedNavigation } from './embeddedSignIn'
import { DEFAULT_SIGN_IN_TIMEOUT_MS, isLoopbackHost, listenForRedirect } from './loopbackRedirect'
import type { SignInAttempt, SignInCode, SignInOptions } from './signInAttempt'
import { validateIdToken } from './validateIdToken'

/** The embedded sign-in window, as the Electron glue (or a test's real browser page) provides it. */
export type OpenSignInWindow = (
  request: {
    url: string
    integrationId: string
    title: string
    rememberSession: boolean
    /** The integration's own proxy ('none': direct); absent: the system's, as for every request. */
    proxy?: ProxySetting
    /** The integration's extra trusted CA (PEM), trusted by this window as by every request. */
    extraCa?: string
  },
  report: (event: EmbeddedNavigation) => { cancel: boolean },
) => { close(): void }

export interface SignInDeps {
  engine: {
    startSignIn(
      integration: Integration,
      options?: Partial<SignInOptions>,
    ): Promise<{ attempt: SignInAttempt; resolved: ResolvedIntegration }>
    getToken(
      integration: Integration,
      options: { cacheKey?: string; input?: GrantInput; signal?: AbortSignal },
    ): Promise<TokenOutcome>
  }
  /** Opens a page in the user's default browser. */
  openExternal(url: string): Promise<void>
  /** Only in the app; elsewhere the embedded window is not offered. */
  openSignInWindow?: OpenSignInWindow
}

export interface SignInRequest {
  via: 'embedded' | 'browser'
  cacheKey?: string
  signal?: AbortSignal
  /** Overrides the integration's sign-in timeout (tests). */
  timeoutMs?: number
  /** Receives the authorize URL once the browser was asked to open it (the CLI prints it). */
  onAuthorizeUrl?: (url: string) => void
}

/** Used when the integration names no Redirect URI: a loopback address (RFC 8252 §7.3). */
const FALLBACK_EMBEDDED_REDIRECT = 'http://127.0.0.1/callback'

/**
 * "Sign in" for an authorization-code integration: the provider's pages in the embedded window or in
 * the system browser (with a loopback redirect), then the code redeemed at once — even when a refresh
 * token is cached — and the ID token validated. The embedded window may advise continuing in the
 * browser (a provider that refuses embedded sign-in); that is an outcome, not an error.
 */
export async function signInAndGetToken(
  deps: SignInDeps,
  integration: Integration,
  request: SignInRequest,
): Promise<SignInOutcome> {
  const timeoutMs =
    request.timeoutMs ??
    (integration.signIn?.timeoutMinutes
      ? integration.signIn.timeoutMinutes * 60_000
      : DEFAULT_SIGN_IN_TIMEOUT_MS)
  const signedIn =
    request.via === 'browser'
      ? await signInWithBrowser(deps, integration, { ...request, timeoutMs })
      : await signInEmbedded(deps, integration, request)
  if ('useBrowser' in signedIn) return { kind: 'use-browser', reason: signedIn.useBrowser }

  const { code, resolved } = signedIn
  const token = await deps.engine.getToken(integration, {
    cacheKey: request.cacheKey,
    input: code,
    signal: request.signal,
  })
  if (!token.ok || typeof token.token.id_token !== 'string') return { kind: 'token', token }
  const idToken = token.token.id_token
  const verification = await validateIdToken(idToken, {
    issuer: resolved.issuer,
    jwksUrl: resolved.jwksUrl,
    clientId: resolved.clientId ?? '',
    nonce: code.nonce,
    accessToken: token.token.access_token,
    code: code.code,
    timeoutMs: resolved.timeoutMs,
  })
  return { kind: 'token', token, idToken: { decoded: decodeToken(idToken), verification } }
}

type SignedIn = { code: SignInCode; resolved: ResolvedIntegration } | { useBrowser: string }

async function signInWithBrowser(
  deps: SignInDeps,
  integration: Integration,
  request: SignInRequest & { timeoutMs: number },
): Promise<SignedIn> {
  const configured = typeof integration.redirectUri === 'string' ? integration.redirectUri.trim() : ''
  const loopback = loopbackRedirectOf(configured)
  if (configured && !loopback)
    throw new TokenDeskError(
      ERR_INTEGRATION_INVALID,
      `The Redirect URI ${configured} is not a loopback address (http://127.0.0.1:…), so your browser cannot hand the answer back to TokenDesk. Sign in with the embedded window, or register http://127.0.0.1/callback with the provider and use it as the Redirect URI.`,
      { field: 'redirectUri' },
    )
  const listener = await listenForRedirect({
    redirectUri: loopback,
    timeoutMs: request.timeoutMs,
    signal: request.signal,
  })
  try {
    const { attempt, resolved } = await deps.engine.startSignIn(integration, {
      redirectUri: listener.redirectUri,
    })
    const answer = listener.answer((arrival) => attempt.complete(arrival))
    answer.catch(() => undefined) // awaited below; an early rejection must not go unhandled meanwhile
    await deps.openExternal(attempt.authorizeUrl)
    request.onAuthorizeUrl?.(attempt.authorizeUrl)
    return { code: await answer, resolved }
  } finally {
    listener.close()
  }
}

async function signInEmbedded(
  deps: SignInDeps,
  integration: Integration,
  request: SignInRequest,
): Promise<SignedIn> {
  if (!deps.openSignInWindow)
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'The embedded sign-in window exists only in the TokenDesk app: sign in with your browser here.',
    )
  const redirectUri =
    typeof integration.redirectUri === 'string' && integration.redirectUri.trim()
      ? undefined // the integration's own, resolved by the engine
      : FALLBACK_EMBEDDED_REDIRECT
  const { attempt, resolved } = await deps.engine.startSignIn(integration, redirectUri ? { redirectUri } : {})
  const watcher = watchEmbeddedSignIn(attempt)
  const window = deps.openSignInWindow(
    {
      url: attempt.authorizeUrl,
      integrationId: request.cacheKey ?? 'unsaved',
      title: `Sign in — ${integration.name ?? 'TokenDesk'}`,
      rememberSession: integration.signIn?.rememberSession === true,
      proxy: resolved.proxy,
      extraCa: resolved.tls?.ca,
    },
    watcher.report,
  )
  const onAbort = () => watcher.report({ kind: 'cancelled' })
  request.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const outcome = await watcher.outcome
    return outcome.kind === 'use-browser' ? { useBrowser: outcome.reason } : { code: outcome.code, resolved }
  } finally {
    request.signal?.removeEventListener('abort', onAbort)
    window.close()
  }
}

/** The integration's Redirect URI when it is a loopback address (its port and path are kept). */
function loopbackRedirectOf(uri: string): string | undefined {
  if (!uri) return undefined
  try {
    const url = new URL(uri)
    return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? uri : undefined
  } catch {
    return undefined
  }
}
