import { ERR_INTEGRATION_INCOMPLETE } from '../../shared/errorCodes'
import type { DeviceAuthorization } from '../../shared/token'
import { TokenDeskError } from '../errors'
import { formBody } from '../http/formEncoding'
import type { PreparedRequest } from '../http/mask'
import type { ResolvedIntegration } from '../integration/resolve'
import { clientAuthentication } from './clientAuth'
import { withQuery } from './tokenRequest'

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
  const auth = await clientAuthentication(resolved, url)
  const scope: Array<[string, string]> = resolved.scope.length
    ? [['scope', resolved.scope.join(resolved.scopeSeparator)]]
    : []
  const clientId: Array<[string, string]> =
    auth.bodyParams.some(([name]) => name === 'client_id') || !resolved.clientId
      ? []
      : [['client_id', resolved.clientId]]
  return {
    method: 'POST',
    url: withQuery(url, auth.queryParams),
    headers: [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Accept', 'application/json'],
      ...auth.headers,
    ],
    body: formBody([...clientId, ...scope, ...auth.bodyParams, ...resolved.tokenParams]),
  }
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
  const lifetime = typeof expires_in === 'number' ? expires_in : Number(expires_in) || 600
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
