import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import type { DeviceAuthorization, TokenOutcome, TokenOutcomeFailure } from '../../../shared/token'
import type { OAuthDeps } from '../deps'
import { sendAndProcess } from '../exchange/sendAndProcess'
import { prepareIntegration } from '../prepared'
import { deviceAuthorizationRequest } from '../requests/deviceAuthorization'
import { deviceCodeGrant } from '../requests/grants/deviceCode'
import { processDeviceAuthorizationResponse } from '../responses/deviceAuthorizationResponse'
import type { TokenOptions } from './getToken'
import { requestToken } from './requestToken'

/** RFC 8628 §3.1–3.2: asks for a user code; the user approves on another device while we poll. */
export async function startDeviceAuthorization(
  deps: OAuthDeps,
  integration: Integration,
  options: TokenOptions = {},
): Promise<{ ok: true; authorization: DeviceAuthorization; exchange: Exchange } | TokenOutcomeFailure> {
  const ready = await prepareIntegration(deps, integration)
  if (!ready.ok) return ready
  const { prepared } = ready
  const sent = await sendAndProcess(deps, prepared, {
    purpose: 'device',
    request: await deviceAuthorizationRequest(prepared.resolved),
    process: (response) => processDeviceAuthorizationResponse(response, deps.now()),
    diagnosis: { purpose: 'token' },
    signal: options.signal,
    cacheKey: options.cacheKey,
  })
  if (!sent.ok)
    return { ok: false, diagnosis: sent.diagnosis, warnings: prepared.warnings, exchange: sent.exchange }
  return { ok: true, authorization: sent.value, exchange: sent.exchange }
}

/**
 * RFC 8628 §3.4–3.5: polls the token endpoint at the server's pace — authorization_pending waits,
 * slow_down adds 5 s — until approved, refused, expired or cancelled. The token goes to the cache.
 */
export async function pollDeviceToken(
  deps: OAuthDeps,
  integration: Integration,
  authorization: DeviceAuthorization,
  options: TokenOptions = {},
): Promise<TokenOutcome> {
  const ready = await prepareIntegration(deps, integration)
  if (!ready.ok) return ready
  let intervalMs = authorization.intervalSeconds * 1000
  for (;;) {
    const outcome = await requestToken(
      deps,
      ready.prepared,
      deviceCodeGrant,
      { deviceCode: authorization.deviceCode },
      { cacheKey: options.cacheKey, signal: options.signal, quietWhilePending: true },
    )
    if (outcome.ok) {
      if (options.cacheKey) deps.cache.set(options.cacheKey, outcome.token)
      return outcome
    }
    const error = outcome.diagnosis.error
    if (error !== 'authorization_pending' && error !== 'slow_down') return outcome
    if (error === 'slow_down') intervalMs += 5000
    if (deps.now() + intervalMs > Date.parse(authorization.expiresAt)) return outcome
    await wait(intervalMs, options.signal)
  }
}

/** Waits, unless the user cancels. */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
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
