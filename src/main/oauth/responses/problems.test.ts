import { describe, expect, it } from 'vitest'
import type { HttpResponse } from '../../http/transport'
import { processClaimsResponse } from './claimsResponse'
import { processDeviceAuthorizationResponse } from './deviceAuthorizationResponse'
import {
  DEVICE_AUTHORIZATION_INCOMPLETE,
  MISSING_ACCESS_TOKEN,
  RESPONSE_IS_HTML,
  RESPONSE_NOT_JSON,
} from './problems'
import { processTokenResponse } from './tokenResponse'

const answer = (body: string, status = 200): HttpResponse => ({
  status,
  statusText: 'OK',
  headers: [
    ['content-type', 'application/json'],
    ['cache-control', 'no-store'],
  ],
  body,
  truncated: false,
})

describe('an unusable answer is a coded problem carrying its evidence', () => {
  it('tells an HTML page from a body that is not JSON at all', () => {
    expect(processTokenResponse(answer('<html>Sign in</html>'), [], ' ', 0)).toMatchObject({
      ok: false,
      problem: { code: RESPONSE_IS_HTML, status: 200 },
    })
    expect(processTokenResponse(answer('[1,2]'), [], ' ', 0)).toMatchObject({
      ok: false,
      problem: { code: RESPONSE_NOT_JSON },
    })
  })

  it('keeps the OAuth error fields and the body of a 200 without an access token', () => {
    const processed = processTokenResponse(
      answer('{"error":"invalid_client","error_description":"wrong secret"}'),
      [],
      ' ',
      0,
    )
    expect(processed).toEqual({
      ok: false,
      problem: {
        code: MISSING_ACCESS_TOKEN,
        message: 'The response has no "access_token".',
        status: 200,
        error: 'invalid_client',
        error_description: 'wrong secret',
        cause: { error: 'invalid_client', error_description: 'wrong secret' },
      },
    })
  })

  it('reads a device authorization, and names what a partial one lacks', () => {
    const full = processDeviceAuthorizationResponse(
      answer('{"device_code":"d","user_code":"ABCD","verification_uri":"https://x/device","interval":0}'),
      0,
    )
    expect(full).toMatchObject({ ok: true, value: { userCode: 'ABCD', intervalSeconds: 5 } })
    expect(processDeviceAuthorizationResponse(answer('{"user_code":"ABCD"}'), 0)).toMatchObject({
      ok: false,
      problem: { code: DEVICE_AUTHORIZATION_INCOMPLETE, cause: { user_code: 'ABCD' } },
    })
  })

  it('refuses introspection claims that are not a JSON object', () => {
    expect(processClaimsResponse(answer('active'), 'introspection')).toMatchObject({
      ok: false,
      problem: { code: RESPONSE_NOT_JSON, message: 'The introspection answer is not a JSON object.' },
    })
  })
})
