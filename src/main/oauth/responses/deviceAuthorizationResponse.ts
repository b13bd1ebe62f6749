import type { DeviceAuthorization } from '../../../shared/token'
import { parseJsonObject } from '../../http/json'
import type { HttpResponse } from '../../http/transport'
import { DEVICE_AUTHORIZATION_INCOMPLETE, problem, RESPONSE_NOT_JSON, type Processed } from './problems'

/** RFC 8628 §3.2: reads the answer; interval defaults to 5 seconds. */
export function processDeviceAuthorizationResponse(
  response: HttpResponse,
  nowMs: number,
): Processed<DeviceAuthorization> {
  const { status } = response
  const body = status < 300 ? parseJsonObject(response.body) : undefined
  const incomplete = 'The device authorization answer lacks device_code, user_code or verification_uri.'
  if (!body)
    return problem(status < 300 ? RESPONSE_NOT_JSON : DEVICE_AUTHORIZATION_INCOMPLETE, incomplete, status)
  const { device_code, user_code, verification_uri, verification_uri_complete, expires_in, interval } = body
  if (
    typeof device_code !== 'string' ||
    typeof user_code !== 'string' ||
    typeof verification_uri !== 'string'
  )
    return problem(DEVICE_AUTHORIZATION_INCOMPLETE, incomplete, status, body)
  const stated = typeof expires_in === 'number' ? expires_in : Number(expires_in) || 600
  // RFC 8628 §3.2: a device code lives minutes; an absurd lifetime (1e300) is read as the 10-minute default.
  const lifetime = Number.isFinite(stated) && stated > 0 && stated <= 86_400 ? stated : 600
  return {
    ok: true,
    value: {
      deviceCode: device_code,
      userCode: user_code,
      verificationUri: verification_uri,
      verificationUriComplete:
        typeof verification_uri_complete === 'string' ? verification_uri_complete : undefined,
      expiresAt: new Date(nowMs + lifetime * 1000).toISOString(),
      intervalSeconds: typeof interval === 'number' && interval > 0 ? interval : 5,
    },
  }
}
