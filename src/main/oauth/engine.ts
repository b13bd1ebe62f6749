import type { ApiOutcome, ApiRequest } from '../../shared/apiCall'
import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange, RecordedHttpRequest } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { Preset } from '../../shared/preset'
import type {
  DeviceAuthorization,
  TokenOutcome,
  TokenOutcomeFailure,
  TokenOutcomeSuccess,
} from '../../shared/token'
import { diagnoseExchange, diagnoseInvalidTokenResponse, diagnoseNetworkFailure } from '../diagnose/diagnose'
import { toCurl } from '../../shared/curl'
import { MAX_API_RESPONSE_BYTES, MAX_TOKEN_RESPONSE_BYTES, performExchange } from '../http/exchange'
import { createMasker, type Masker, type PreparedRequest } from '../http/mask'
import { nodeTransport, type Transport } from '../http/transport'
import { resolveIntegration, type Environment, type ResolvedIntegration } from '../integration/resolve'
import { tryDecodeJwt } from '../jwt/decode'
import { findPreset } from '../presets'
import { startAuthorization } from './authorization'
import { diagnosisContext } from './diagnosisContext'
import { fetchProviderMetadata, type ProviderMetadata } from './discovery'
import { grantFor, refreshTokenGrant } from './grants'
import type { Grant, GrantInput } from './grants/grant'
import { preflightChecks } from './preflight'
import { TokenCache } from './tokenCache'
import { buildTokenRequest, missingFields, withQuery } from './tokenRequest'
import { buildDeviceAuthorizationRequest, readDeviceAuthorization, wait } from './deviceFlow'
import { deviceCodeGrant } from './grants/deviceCode'
import { fetchUserinfo, introspectToken } from './tokenInfo'
import { processTokenResponse } from './tokenResponse'

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

/** An integration made ready to send: values resolved, endpoints discovered, pre-flight warnings collected. */
interface Prepared {
  resolved: ResolvedIntegration
  preset?: Preset
  warnings: string[]
  masker: Masker
}

export type TokenEngine = ReturnType<typeof createTokenEngine>

/**
 * The grant engine: one path for every grant, one cache, one place that records exchanges. Plain
 * Node; the app reaches it over IPC, the CLI directly.
 */
export function createTokenEngine(deps: EngineDeps = {}) {
  const transport = deps.transport ?? nodeTransport
  const env = deps.env ?? process.env
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
    limits: { maxResponseBytes: number; onTooLarge?: 'fail' | 'truncate' } = {
      maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES,
    },
  ) {
    return performExchange(transport, request, {
      purpose,
      timeoutMs: resolved.timeoutMs,
      tls: resolved.tls,
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
    const warnings = preflightChecks(resolved, preset, metadata)
    return { resolved, preset, warnings, masker: createMasker(resolved.secrets) }
  }

  /** OIDC discovery fills the endpoints the integration leaves empty; typed ones win. */
  async function discover(resolved: ResolvedIntegration): Promise<ProviderMetadata> {
    const issuer = resolved.issuer!.trim()
    let pending = metadataByIssuer.get(issuer)
    if (!pending) {
      pending = fetchProviderMetadata(transport, issuer, { timeoutMs: resolved.timeoutMs, now }).then(
        ({ metadata, exchange }) => {
          deps.onExchange?.({ exchange })
          return metadata
        },
      )
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

  async function requestToken(
    prepared: Prepared,
    grant: Grant,
    input: GrantInput,
    options: TokenOptions,
  ): Promise<TokenOutcome> {
    const { resolved, preset, masker, warnings } = prepared
    const request = await buildTokenRequest(resolved, grant, input)
    const { exchange, response, failure } = await send(request, 'token', resolved, masker, options.signal)
    const context = diagnosisContext(resolved, preset, 'token', request, response, now())
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
        const refreshToken = cache.get(key)?.token.refresh_token
        if (refreshToken) {
          const refreshed = await requestToken(prepared, refreshTokenGrant, { refreshToken }, options)
          if (refreshed.ok) {
            cache.set(key, refreshed.token)
            return { ...refreshed, token: cache.get(key)!.token, source: 'refresh' as const }
          }
          // A refused refresh (expired, revoked, or a vendor without refresh) falls back to the grant itself.
          prepared.warnings.push(
            `Renewing with the refresh token failed (${refreshed.diagnosis.summary}); asked for a new token instead.`,
          )
          cache.delete(key)
        }
        const outcome = await requestToken(prepared, grant, input, options)
        if (outcome.ok) cache.set(key, outcome.token)
        return outcome
      })
    )
  }

  async function callApi(
    integration: Integration,
    request: ApiRequest,
    options: TokenOptions = {},
  ): Promise<ApiOutcome> {
    const first = await getToken(integration, options)
    if (!first.ok) return { ok: false, tokenFailure: first, renewedAfter401: false, exchanges: [] }
    const prepared = await prepare(integration)
    const exchanges: Exchange[] = []
    let attempt = await sendApiRequest(prepared, request, first.token.access_token, options)
    exchanges.push(attempt.exchange)
    let renewedAfter401 = false
    if (attempt.response?.status === 401) {
      // RFC 6750 §3.1: a 401 means the token is no longer good. Renew once, retry once.
      const renewed = await getToken(integration, {
        ...options,
        fresh: true,
        staleAccessToken: first.token.access_token,
      })
      if (!renewed.ok)
        return {
          ok: false,
          tokenFailure: renewed,
          renewedAfter401: false,
          exchanges,
          diagnosis: renewed.diagnosis,
        }
      renewedAfter401 = true
      attempt = await sendApiRequest(prepared, request, renewed.token.access_token, options)
      exchanges.push(attempt.exchange)
    }
    const { response, exchange, diagnosis } = attempt
    return {
      ok: response !== undefined && response.status >= 200 && response.status <= 299,
      status: response?.status,
      statusText: response?.statusText,
      headers: exchange.response?.headers,
      body: response ? attempt.masker.text(response.body) : undefined,
      truncated: response?.truncated,
      renewedAfter401,
      exchanges,
      diagnosis,
    }
  }

  async function sendApiRequest(
    prepared: Prepared,
    request: ApiRequest,
    accessToken: string,
    options: TokenOptions,
  ) {
    const { resolved, preset } = prepared
    const masker = createMasker([...resolved.secrets, accessToken])
    const apiRequest: PreparedRequest = apiRequestWithToken(resolved, request, accessToken)
    // API answers may be large (reports, exports): keep the first 16 MiB and say it was cut.
    const result = await send(apiRequest, 'api', resolved, masker, options.signal, {
      maxResponseBytes: MAX_API_RESPONSE_BYTES,
      onTooLarge: 'truncate',
    })
    const jwt = tryDecodeJwt(accessToken)
    const context = diagnosisContext(resolved, preset, 'api', apiRequest, result.response, now(), {
      tokenTimes: jwt
        ? { nbf: numberOrUndefined(jwt.payload.nbf), exp: numberOrUndefined(jwt.payload.exp) }
        : undefined,
    })
    let diagnosis: Diagnosis | undefined
    if (result.failure) diagnosis = diagnoseNetworkFailure(result.failure, context, apiRequest.url)
    else if (result.response && result.response.status >= 400)
      diagnosis = diagnoseExchange(result.exchange, context)
    deps.onExchange?.({ exchange: result.exchange, diagnosis, cacheKey: options.cacheKey })
    return { ...result, diagnosis, masker }
  }

  /**
   * The token request that would be sent, masked unless `reveal`, and as curl. Sends nothing. Fields
   * still missing show as ‹placeholders› and are listed, so the preview helps while the form is filled.
   */
  async function previewTokenRequest(
    integration: Integration,
    options: { reveal?: boolean; input?: GrantInput } = {},
  ) {
    const prepared = await prepare(integration)
    const grant = grantFor(prepared.resolved.grant)
    const input = options.input ?? {}
    const missing = missingFields(prepared.resolved, grant, input)
    const resolved = { ...prepared.resolved }
    for (const { field } of missing) {
      if (field in resolved) (resolved as unknown as Record<string, unknown>)[field] = `‹${field}›`
    }
    const request = await buildTokenRequest(resolved, grant, {
      ...input,
      code: input.code ?? (missing.some(({ field }) => field === 'code') ? '‹code›' : undefined),
    })
    const shown: RecordedHttpRequest = options.reveal ? request : prepared.masker.request(request)
    const warnings = [
      ...prepared.warnings,
      ...missing.map(({ field, message }) => `Still needed — ${field}: ${message}`),
    ]
    return { request: shown, curl: toCurl(shown), warnings }
  }

  /** The authorize URL with fresh state, PKCE and nonce; the session holds what the code exchange needs. */
  async function startAuthorizationFor(integration: Integration) {
    const { resolved } = await prepare(integration)
    return startAuthorization(resolved)
  }

  /** RFC 8628 §3.1–3.2: asks for a user code; the user approves on another device while we poll. */
  async function startDeviceAuthorization(
    integration: Integration,
    options: TokenOptions = {},
  ): Promise<{ ok: true; authorization: DeviceAuthorization; exchange: Exchange } | TokenOutcomeFailure> {
    const prepared = await prepare(integration)
    const { resolved, preset, masker } = prepared
    const request = await buildDeviceAuthorizationRequest(resolved)
    const { exchange, response, failure } = await send(request, 'device', resolved, masker, options.signal)
    const context = diagnosisContext(resolved, preset, 'token', request, response, now())
    const authorization =
      response && response.status < 300 ? readDeviceAuthorization(response.body, now()) : null
    const diagnosis =
      failure || !response
        ? diagnoseNetworkFailure(failure!, context, request.url)
        : !authorization
          ? response.status >= 400
            ? diagnoseExchange(exchange, context)
            : diagnoseInvalidTokenResponse(
                exchange,
                context,
                'The device authorization answer lacks device_code, user_code or verification_uri.',
              )
          : undefined
    deps.onExchange?.({ exchange, diagnosis, cacheKey: options.cacheKey })
    if (diagnosis || !authorization)
      return { ok: false, diagnosis: diagnosis!, warnings: prepared.warnings, exchange }
    return { ok: true, authorization, exchange }
  }

  /**
   * RFC 8628 §3.4–3.5: polls the token endpoint at the server's pace — authorization_pending waits,
   * slow_down adds 5 s — until approved, refused, expired or cancelled.
   */
  async function pollDeviceToken(
    integration: Integration,
    authorization: DeviceAuthorization,
    options: TokenOptions = {},
  ): Promise<TokenOutcome> {
    const prepared = await prepare(integration)
    let intervalMs = authorization.intervalSeconds * 1000
    for (;;) {
      const outcome = await requestToken(
        prepared,
        deviceCodeGrant,
        { deviceCode: authorization.deviceCode },
        { ...options, quietWhilePending: true },
      )
      if (outcome.ok) {
        if (options.cacheKey) cache.set(options.cacheKey, outcome.token)
        return outcome
      }
      const error = outcome.diagnosis.error
      if (error !== 'authorization_pending' && error !== 'slow_down') return outcome
      if (error === 'slow_down') intervalMs += 5000
      if (now() + intervalMs > Date.parse(authorization.expiresAt)) return outcome
      await wait(intervalMs, options.signal)
    }
  }

  /** Asks the vendor about the integration's current token: introspection (RFC 7662) or userinfo (OIDC). */
  async function describeToken(
    integration: Integration,
    kind: 'introspection' | 'userinfo',
    options: TokenOptions = {},
  ) {
    const current = await getToken(integration, options)
    if (!current.ok) return { ok: false, exchange: current.exchange, diagnosis: current.diagnosis }
    const { resolved, preset } = await prepare(integration)
    const infoDeps = {
      transport,
      now,
      onExchange: ({ exchange, diagnosis }: { exchange: Exchange; diagnosis?: Diagnosis }) =>
        deps.onExchange?.({ exchange, diagnosis, cacheKey: options.cacheKey }),
    }
    return kind === 'introspection'
      ? introspectToken(infoDeps, resolved, preset, current.token.access_token)
      : fetchUserinfo(infoDeps, resolved, preset, current.token.access_token)
  }

  return {
    getToken,
    callApi,
    previewTokenRequest,
    describeToken,
    startAuthorization: startAuthorizationFor,
    startDeviceAuthorization,
    pollDeviceToken,
    cache,
  }
}

/** The API request with the token placed as the integration says: Bearer header, or a query parameter. */
export function apiRequestWithToken(
  resolved: ResolvedIntegration,
  request: ApiRequest,
  accessToken: string,
): PreparedRequest {
  const url = absoluteUrl(request.url, resolved.api.baseUrl)
  const headers: Array<[string, string]> = [...resolved.api.headers, ...(request.headers ?? [])]
  if (!headers.some(([name]) => name.toLowerCase() === 'accept'))
    headers.unshift(['Accept', 'application/json'])
  if (resolved.api.tokenPlacement === 'header') headers.push(['Authorization', `Bearer ${accessToken}`])
  return {
    method: request.method.toUpperCase(),
    url:
      resolved.api.tokenPlacement === 'query'
        ? withQuery(url, [[resolved.api.queryParam, accessToken]])
        : url,
    headers,
    body: request.body ?? null,
  }
}

function absoluteUrl(url: string, baseUrl: string | undefined): string {
  if (/^https?:\/\//i.test(url)) return url
  if (!baseUrl) return url
  return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined
}
