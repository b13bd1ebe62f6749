import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { TokenOutcome, TokenOutcomeSuccess } from '../../shared/token'
import { diagnoseExchange, diagnoseInvalidTokenResponse, diagnoseNetworkFailure } from '../diagnose/diagnose'
import { MAX_TOKEN_RESPONSE_BYTES, performExchange } from '../http/exchange'
import { createMasker, type Masker, type PreparedRequest } from '../http/mask'
import { createNodeTransport, type Transport } from '../http/transport'
import { resolveIntegration, type Environment, type ResolvedIntegration } from '../integration/resolve'
import { tryDecodeJwt } from '../jwt/decode'
import { findPreset } from '../presets'
import { callApi } from './apiCall'
import { startSignIn, type SignInOptions } from './signIn/signInAttempt'
import { describeToken } from './describeToken'
import { pollDeviceToken, startDeviceAuthorization } from './deviceFlow'
import { diagnosisContext } from './diagnosisContext'
import { fetchProviderMetadata, type ProviderMetadata } from './discovery'
import { withCore, type EngineCore, type ExchangeLimits, type Prepared } from './engineCore'
import { grantFor, refreshTokenGrant } from './grants'
import type { Grant, GrantInput } from './grants/grant'
import { preflightChecks } from './preflight'
import { previewTokenRequest } from './previewRequest'
import { TokenCache } from './tokenCache'
import { buildTokenRequest } from './tokenRequest'
import { RequestRate } from './requestRate'
import { processTokenResponse } from './tokenResponse'

export { apiRequestWithToken } from './apiCall'

export interface EngineDeps {
  transport?: Transport
  env?: Environment
  now?: () => number
  cache?: TokenCache
  /** Every exchange made, masked, with its diagnosis when it failed: the history's feed. */
  onExchange?: (record: { exchange: Exchange; diagnosis?: Diagnosis; cacheKey?: string }) => void
}

export interface TokenOptions {
  /** Identifies the integration in the cache. Without it, every call asks the vendor. */
  cacheKey?: string
  /** Skip the cached token (but still share one in-flight request). */
  fresh?: boolean
  /** With `fresh`: the token the API just refused. If the cache already holds another one, that is used. */
  staleAccessToken?: string
  input?: GrantInput
  signal?: AbortSignal
  /** Device flow: do not record polls that only say "not yet". */
  quietWhilePending?: boolean
}

export type TokenEngine = ReturnType<typeof createTokenEngine>

/**
 * The grant engine: one path for every grant, one cache, one place that records exchanges. Plain
 * Node; the app reaches it over IPC, the CLI directly.
 */
export function createTokenEngine(deps: EngineDeps = {}) {
  const env = deps.env ?? process.env
  // The same environment the integration's {"env"} values come from names the proxy.
  const transport = deps.transport ?? createNodeTransport({ env })
  const now = deps.now ?? Date.now
  const cache = deps.cache ?? new TokenCache(now)
  const metadataByIssuer = new Map<string, Promise<ProviderMetadata>>()

  /** One exchange with the integration's timeout, TLS settings and masking, recorded whatever happens. */
  function send(
    request: PreparedRequest,
    purpose: Exchange['purpose'],
    resolved: ResolvedIntegration,
    masker: Masker,
    signal?: AbortSignal,
    limits: ExchangeLimits = { maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES },
  ) {
    return performExchange(transport, request, {
      purpose,
      timeoutMs: resolved.timeoutMs,
      tls: resolved.tls,
      proxy: resolved.proxy,
      signal,
      masker,
      now,
      ...limits,
    })
  }

  async function prepare(integration: Integration): Promise<Prepared> {
    const resolved = resolveIntegration(integration, env)
    const preset = findPreset(integration.preset)
    const metadata = resolved.issuer ? await discover(resolved) : undefined
    const checks = preflightChecks(resolved, preset, metadata)
    const warnings = checks.map(({ message }) => message)
    let masker: Masker | undefined
    return {
      resolved,
      preset,
      warnings,
      checks,
      // Made when first used: a token served from the cache sends and records nothing.
      get masker() {
        return (masker ??= createMasker(resolved.secrets, resolved.secretNames))
      },
    }
  }

  /** OIDC discovery fills the endpoints the integration leaves empty; typed ones win. */
  async function discover(resolved: ResolvedIntegration): Promise<ProviderMetadata> {
    const issuer = resolved.issuer!.trim()
    let pending = metadataByIssuer.get(issuer)
    if (!pending) {
      pending = fetchProviderMetadata(transport, issuer, {
        timeoutMs: resolved.timeoutMs,
        tls: resolved.tls,
        proxy: resolved.proxy,
        now,
      }).then(({ metadata, exchange }) => {
        deps.onExchange?.({ exchange })
        return metadata
      })
      pending.catch(() => metadataByIssuer.delete(issuer))
      metadataByIssuer.set(issuer, pending)
    }
    const metadata = await pending
    resolved.tokenUrl ||= metadata.token_endpoint
    resolved.authorizeUrl ||= metadata.authorization_endpoint
    resolved.deviceAuthorizationUrl ||= metadata.device_authorization_endpoint
    resolved.introspectionUrl ||= metadata.introspection_endpoint
    resolved.userinfoUrl ||= metadata.userinfo_endpoint
    resolved.jwksUrl ||= metadata.jwks_uri
    return metadata
  }

  const rate = new RequestRate(now)

  async function requestToken(
    prepared: Prepared,
    grant: Grant,
    input: GrantInput,
    options: TokenOptions,
  ): Promise<TokenOutcome> {
    const { resolved, preset, masker, warnings } = prepared
    const request = await buildTokenRequest(resolved, grant, input)
    const recentTokenRequests = rate.record(options.cacheKey ?? resolved.tokenUrl ?? '')
    const { exchange, response, failure } = await send(request, 'token', resolved, masker, options.signal)
    // The grant actually sent: a renewal runs refresh_token under an integration of another grant.
    const sentRefreshToken =
      grant.grantType === 'refresh_token' ? refreshTokenSent(resolved, input) : undefined
    const context = diagnosisContext(resolved, preset, 'token', request, response, now(), {
      grant: grant.grantType,
      recentTokenRequests,
      refreshTokenFate:
        sentRefreshToken && options.cacheKey ? cache.fateOf(options.cacheKey, sentRefreshToken) : undefined,
    })
    const refuse = (diagnosis: Diagnosis): TokenOutcome => ({ ok: false, diagnosis, warnings, exchange })
    let outcome: TokenOutcome
    if (failure || !response) {
      outcome = refuse(diagnoseNetworkFailure(failure!, context, resolved.tokenUrl!))
    } else if (response.status < 200 || response.status > 299) {
      outcome = refuse(diagnoseExchange(exchange, context))
    } else {
      const processed = processTokenResponse(
        response,
        resolved.scope,
        resolved.scopeSeparator,
        now(),
        input.nonce,
      )
      outcome = processed.ok
        ? {
            ok: true,
            token: processed.token,
            jwt: processed.jwt,
            warnings: [...warnings, ...processed.warnings],
            source: 'network',
            exchange,
          }
        : refuse(diagnoseInvalidTokenResponse(exchange, context, processed.problem))
    }
    const diagnosis = outcome.ok ? undefined : outcome.diagnosis
    // Device-flow polls answer "authorization_pending" every few seconds: history keeps the outcome, not each poll.
    const pendingPoll =
      options.quietWhilePending &&
      (diagnosis?.error === 'authorization_pending' || diagnosis?.error === 'slow_down')
    if (!pendingPoll) deps.onExchange?.({ exchange, diagnosis, cacheKey: options.cacheKey })
    return outcome
  }

  async function getToken(integration: Integration, options: TokenOptions = {}): Promise<TokenOutcome> {
    const prepared = await prepare(integration)
    const grant = grantFor(prepared.resolved.grant)
    const input = options.input ?? {}
    const key = options.cacheKey
    if (!key) return requestToken(prepared, grant, input, options)
    // A code from a sign-in that just finished is redeemed, whatever the cache holds: the user signed in
    // (perhaps as someone else) to get exactly this token.
    if (input.code) {
      const redeemed = await requestToken(prepared, grant, input, options)
      if (redeemed.ok) cache.set(key, redeemed.token)
      return redeemed
    }

    const reuse = (): TokenOutcomeSuccess | undefined => {
      const cached = cache.get(key)
      if (!cached) return undefined
      const replacedSinceRefusal =
        options.staleAccessToken !== undefined && cached.token.access_token !== options.staleAccessToken
      if (options.fresh ? !replacedSinceRefusal : !cache.isFresh(cached)) return undefined
      return {
        ok: true,
        token: cached.token,
        jwt: tryDecodeJwt(cached.token.access_token),
        warnings: prepared.warnings,
        source: 'cache',
      }
    }
    return (
      reuse() ??
      cache.singleFlight(key, async () => {
        const again = reuse()
        if (again) return again
        const ownRefreshToken =
          grant.grantType === 'refresh_token' ? refreshTokenSent(prepared.resolved, input) : undefined
        const refreshToken = cache.refreshTokenFor(key, ownRefreshToken)
        if (refreshToken) {
          const refreshed = await requestToken(prepared, refreshTokenGrant, { refreshToken }, options)
          if (refreshed.ok) {
            cache.set(key, refreshed.token, refreshToken)
            return { ...refreshed, token: cache.get(key)!.token, source: 'refresh' as const }
          }
          if (refreshed.diagnosis.kind === 'network') return refreshed
          cache.refuseRefreshToken(key, refreshToken)
          // Rotation: the integration's own refresh token was replaced by the one just refused; sending it would only be refused too.
          if (ownRefreshToken && cache.fateOf(key, ownRefreshToken)) return refreshed
          // A refused refresh (expired, revoked, or a vendor without refresh) falls back to the grant itself.
          prepared.warnings.push(
            `Renewing with the refresh token failed (${refreshed.diagnosis.summary}); asked for a new token instead.`,
          )
        }
        const outcome = await requestToken(prepared, grant, input, options)
        if (outcome.ok) cache.set(key, outcome.token, ownRefreshToken)
        else if (ownRefreshToken && outcome.diagnosis.kind !== 'network')
          cache.refuseRefreshToken(key, ownRefreshToken)
        return outcome
      })
    )
  }

  /**
   * A sign-in attempt for the integration: its authorize URL with fresh state, PKCE and nonce, and the
   * provider's metadata (RFC 9207 iss) from discovery. The redirect URI defaults to the integration's.
   */
  async function startSignInFor(integration: Integration, options: Partial<SignInOptions> = {}) {
    const { resolved } = await prepare(integration)
    const metadata = resolved.issuer ? await discover(resolved) : undefined
    const attempt = startSignIn(resolved, {
      redirectUri: resolved.redirectUri,
      extraParams: integration.signIn?.authorizeParams,
      responseMode: integration.signIn?.responseMode,
      ...options,
      metadata,
    })
    return { attempt, resolved }
  }

  /** The provider's discovery metadata, when the integration names an issuer. */
  async function providerMetadataFor(integration: Integration) {
    const { resolved } = await prepare(integration)
    return { resolved, metadata: resolved.issuer ? await discover(resolved) : undefined }
  }

  // Looked up at each call, so an onExchange set on deps after the engine was created is still fed.
  const onExchange: EngineCore['onExchange'] = (record) => deps.onExchange?.(record)
  const core: EngineCore = { prepare, send, requestToken, getToken, cache, now, transport, onExchange }
  return {
    getToken,
    callApi: withCore(core, callApi),
    previewTokenRequest: withCore(core, previewTokenRequest),
    describeToken: withCore(core, describeToken),
    startSignIn: startSignInFor,
    providerMetadata: providerMetadataFor,
    startDeviceAuthorization: withCore(core, startDeviceAuthorization),
    pollDeviceToken: withCore(core, pollDeviceToken),
    cache,
  }
}

/** The refresh token a refresh_token request carries: pasted for this run, else the integration's. */
function refreshTokenSent(resolved: ResolvedIntegration, input: GrantInput): string | undefined {
  return input.refreshToken ?? resolved.refreshToken
}
