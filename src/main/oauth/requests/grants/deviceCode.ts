import type { Grant } from './grant'

export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code'

/** RFC 8628 §3.4: poll the token endpoint with the device_code from the device authorization step. */
export const deviceCodeGrant: Grant = {
  grantType: DEVICE_CODE_GRANT_TYPE,
  missing: (resolved, input) => {
    if (!resolved.deviceAuthorizationUrl && !resolved.issuer) {
      return [
        {
          field: 'deviceAuthorizationUrl',
          message: 'Fill in the device authorization URL (or the issuer, to discover it).',
        },
      ]
    }
    return input.deviceCode ? [] : [{ field: 'deviceCode', message: 'Start the device authorization first.' }]
  },
  params: (_resolved, input) => [
    ['grant_type', DEVICE_CODE_GRANT_TYPE],
    ['device_code', input.deviceCode ?? ''],
  ],
}
