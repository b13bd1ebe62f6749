import { ERR_INTEGRATION_INCOMPLETE } from '../../shared/errorCodes'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { DeviceAuthorization, TokenOutcome, TokenOutcomeFailure } from '../../shared/token'
import { diagnoseExchange, diagnoseInvalidTokenResponse, diagnoseNetworkFailure } from '../diagnose/diagnose'
import { TokenDeskError } from '../errors'
import type { PreparedRequest } from '../http/mask'
import type { ResolvedIntegration } from '../integration/resolve'
import { diagnosisContext } from './diagnosisContext'
import type { TokenOptions } from './engine'
import type { EngineCore } from './engineCore'
import { deviceCodeGrant } from './grants/deviceCode'
import { scopeParam } from './grants/grant'
import { clientFormPost } from './tokenRequest'

/** RFC 8628 §3.1: the device authorization request, with the client's authentication and scope. */
export async function buildDeviceAuthorizationRequest(
  resolved: ResolvedIntegration,
): Promise<PreparedRequest> {
  const url = resolved.deviceAuthorizationUrl
  if (!url) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'Fill in the device authorization URL (or the issuer, to discover it).',
      {
        field: 'deviceAuthorizationUrl',
      },
    )
  }
  return clientFormPost(resolved, url, (authParams) => {
    // RFC 8628 §3.1 asks for client_id; the client authentication may already have put it in.
    const clientId: Array<[string, string]> =
      authParams.some(([name]) => name === 'client_id') || !resolved.clientId
        ? []
        : [['client_id', resolved.clientId]]
    return [...clientId, ...scopeParam(resolved), ...authParams, ...resolved.tokenParams]
  })
}

/** RFC 8628 §3.2: reads the answer; interval defaults to 5 seconds. Null when it is not usable. */
export function readDeviceAuthorization(body: string, nowMs: number): DeviceAuthorization | null {
  let value: Record<string, unknown>
  try {
    value = JSON.parse(body) as Record<string, unknown>
  } catch {
    return null
  }
  const { device_code, user_code, verification_uri, verification_uri_complete, expires_in, interval } = value
  if (
    typeof device_code !== 'string' ||
    typeof user_code !== 'string' ||
    typeof verification_uri !== 'string'
  )
    return null
  const stated = typeof expires_in === 'number' ? expires_in : Number(expires_in) || 600
  // RFC 8628 §3.2: a device code lives minutes; an absurd lifetime (1e300) is read as the 10-minute default.
  const lifetime = Number.isFinite(stated) && stated > 0 && stated <= 86_400 ? stated : 600
  return {
    deviceCode: device_code,
    userCode: user_code,
    verificationUri: verification_uri,
    verificationUriComplete:
      typeof verification_uri_complete === 'string' ? verification_uri_complete : undefined,
    expiresAt: new Date(nowMs + lifetime * 1000).toISOString(),
    intervalSeconds: typeof interval === 'number' && interval > 0 ? interval : 5,
  }
}

/** RFC 8628 §3.1–3.2: asks for a user code; the user approves on another device while we poll. */
export async function startDeviceAuthorization(
  core: EngineCore,
  integration: Integration,
  options: TokenOptions = {},
): Promise<{ ok: true; authorization: DeviceAuthorization; exchange: Exchange } | TokenOutcomeFailure> {
  const prepared = await core.prepare(integration)
  const { resolved, preset, masker } = prepared
  const request = await buildDeviceAuthorizationRequest(resolved)
  const { exchange, response, failure } = await core.send(request, 'device', resolved, masker, options.signal)
  const context = diagnosisContext(resolved, preset, 'token', request, response, core.now())
  const authorization =
    response && response.status < 300 ? readDeviceAuthorization(response.body, core.now()) : null
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
  core.onExchange({ exchange, diagnosis, cacheKey: options.cacheKey })
  if (diagnosis || !authorization)
    return { ok: false, diagnosis: diagnosis!, warnings: prepared.warnings, exchange }
  return { ok: true, authorization, exchange }
}

/**
 * RFC 8628 §3.4–3.5: polls the token endpoint at the server's pace — authorization_pending waits,
 * slow_down adds 5 s — until approved, refused, expired or cancelled.
 */
export async function pollDeviceToken(
  core: EngineCore,
  integration: Integration,
  authorization: DeviceAuthorization,
  options: TokenOptions = {},
): Promise<TokenOutcome> {
  const prepared = await core.prepare(integration)
  let intervalMs = authorization.intervalSeconds * 1000
  for (;;) {
    const outcome = await core.requestToken(
      prepared,
      deviceCodeGrant,
      { deviceCode: authorization.deviceCode },
      { ...options, quietWhilePending: true },
    )
    if (outcome.ok) {
      if (options.cacheKey) core.cache.set(options.cacheKey, outcome.token)
      return outcome
    }
    const error = outcome.diagnosis.error
    if (error !== 'authorization_pending' && error !== 'slow_down') return outcome
    if (error === 'slow_down') intervalMs += 5000
    if (core.now() + intervalMs > Date.parse(authorization.expiresAt)) return outcome
    await wait(intervalMs, options.signal)
  }
}

/** Waits, unless the user cancels. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}
