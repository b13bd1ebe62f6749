import { describe, expect, it } from 'vitest'
import { MASKED } from '../../shared/secretNames'
import { toCurl } from '../../shared/curl'
import { leakedSecrets } from '../../../tests/support/secretEncodings'
import { formBody, formEncode } from './formEncoding'
import { createMasker } from './mask'

const secret = 's3cr+t/=&%é'

describe('createMasker', () => {
  const masker = createMasker([secret, 'api-key-123456'])

  it('masks secret-named form fields, headers and query parameters, keeping the rest as sent', () => {
    const request = masker.request({
      method: 'POST',
      url: 'https://vendor.test/token?client_id=abc&client_secret=xyz12',
      headers: [
        ['Authorization', `Basic ${Buffer.from(`abc:${formEncode(secret)}`).toString('base64')}`],
        ['x-api-key', 'api-key-123456'],
        ['Accept', 'application/json'],
      ],
      body: formBody([
        ['grant_type', 'client_credentials'],
        ['client_id', 'abc'],
        ['client_secret', secret],
        ['scope', 'a b'],
      ]),
    })
    expect(request.url).toBe(`https://vendor.test/token?client_id=abc&client_secret=${MASKED}`)
    expect(request.headers).toEqual([
      ['Authorization', `Basic ${MASKED}`],
      ['x-api-key', MASKED],
      ['Accept', 'application/json'],
    ])
    expect(request.body).toBe(`grant_type=client_credentials&client_id=abc&client_secret=${MASKED}&scope=a+b`)
  })

  it('finds a secret by value in any encoding, even under an innocent name', () => {
    for (const form of [
      secret,
      encodeURIComponent(secret),
      formEncode(secret),
      Buffer.from(secret).toString('base64'),
    ]) {
      expect(masker.text(`note=${form};`)).toBe(`note=${MASKED};`)
    }
  })

  it('masks tokens in JSON responses but keeps token_type and expiry', () => {
    const response = masker.response({
      status: 200,
      statusText: 'OK',
      headers: [['Set-Cookie', 'session=abc']],
      body: JSON.stringify({
        access_token: 'eyJ.abc.def',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'r-1',
      }),
      truncated: false,
    })
    expect(JSON.parse(response.body)).toEqual({
      access_token: MASKED,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: MASKED,
    })
    expect(response.headers).toEqual([['Set-Cookie', MASKED]])
  })
})

const accessToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl/+x'
const refreshToken = 'rt-7f3a9c1e+b2/d4=='

function answer(body: string, headers: Array<[string, string]> = []) {
  return { status: 200, statusText: 'OK', headers, body, truncated: false }
}

describe('masking a 2xx body that is not plain snake_case JSON', () => {
  it.each([
    ['JSONP', `cb({"access_token":"${accessToken}","refresh_token":"${refreshToken}"})`],
    [
      'JSON with a comment',
      `/* v2 */ {"access_token": "${accessToken}", // note\n "refresh_token": "${refreshToken}"}`,
    ],
    ['camelCase names', JSON.stringify({ accessToken, refreshToken, idToken: accessToken })],
    [
      'JSON escapes',
      `{"access_token":"${accessToken.replace(/\//g, '\\/')}","refresh_token":"${refreshToken}"}`,
    ],
    [
      'XML',
      `<?xml version="1.0"?><r><access_token>${accessToken}</access_token><refresh_token>${refreshToken}</refresh_token></r>`,
    ],
    [
      'a form',
      `access_token=${encodeURIComponent(accessToken)}&refresh_token=${encodeURIComponent(refreshToken)}`,
    ],
    ['text', `Your token is access_token: ${accessToken} and refreshToken = ${refreshToken}.`],
  ])('keeps no token of %s', (_shape, body) => {
    const masked = createMasker([]).response(answer(body))
    expect(leakedSecrets(masked.body, [accessToken, refreshToken])).toEqual([])
    expect(masked.body).toContain(MASKED)
  })

  it('masks by name at any depth, without recursion, even a token too short to mask by value', () => {
    const depth = 400_000
    const body = `${'{"a":'.repeat(depth)}{"refreshToken":"r-1","accessToken":"${accessToken}"}${'}'.repeat(depth)}`
    const masked = createMasker([]).response(answer(body)).body
    expect(masked).not.toContain('"r-1"')
    expect(leakedSecrets(masked, [accessToken])).toEqual([])
    expect(masked.length).toBeLessThan(body.length + 20)
  })

  it('masks the same token wherever else it appears once the response named it', () => {
    const masker = createMasker([])
    masker.response(answer(JSON.stringify({ access_token: accessToken })))
    expect(masker.text(`Authorization: Bearer ${accessToken}`)).toBe(`Authorization: Bearer ${MASKED}`)
  })

  it('masks a token in a response header, such as a redirect with a fragment', () => {
    const masked = createMasker([]).response(
      answer('', [
        ['Location', `https://app.test/cb#access_token=${encodeURIComponent(accessToken)}&state=x`],
      ]),
    )
    expect(leakedSecrets(JSON.stringify(masked.headers), [accessToken])).toEqual([])
  })
})

describe('a vendor echoing what the request carried', () => {
  const id = 'partner-client'
  const secret = 'Sk+y/K1ck=secret&%'
  const basic = Buffer.from(`${formEncode(id)}:${formEncode(secret)}`).toString('base64')
  const request = {
    method: 'POST',
    url: 'https://vendor.test/token',
    headers: [['Authorization', `Basic ${basic}`]] as Array<[string, string]>,
    body: 'grant_type=client_credentials',
  }

  it('masks the Basic credential echoed in the body, encoded or decoded', () => {
    const masker = createMasker([secret])
    masker.request(request)
    const body = JSON.stringify({
      error: 'invalid_client',
      error_description: `Bad credentials in Basic ${basic} (${formEncode(id)}:${formEncode(secret)})`,
    })
    const masked = masker.response({ ...answer(body), status: 401 }).body
    expect(masked).not.toContain(basic)
    expect(leakedSecrets(masked, [secret, formEncode(secret)])).toEqual([])
  })

  it('masks base64("id:secret") even from a masker that never saw the request', () => {
    const masked = createMasker([secret]).text(`got ${basic}`)
    expect(leakedSecrets(masked, [secret, formEncode(secret)])).toEqual([])
    expect(masked).not.toContain(basic)
  })
})

describe('fields the user marked secret', () => {
  it('masks them by name in forms, URLs and JSON, however short the value', () => {
    const masker = createMasker([], ['partner_code'])
    const masked = masker.request({
      method: 'POST',
      url: 'https://vendor.test/token?partner_code=p1',
      headers: [['partner_code', 'p2']],
      body: 'grant_type=partner&partner_code=p3',
    })
    expect(masked.url).toBe(`https://vendor.test/token?partner_code=${MASKED}`)
    expect(masked.headers).toEqual([['partner_code', MASKED]])
    expect(masked.body).toBe(`grant_type=partner&partner_code=${MASKED}`)
    expect(masker.response(answer('{"partner_code":"p4"}')).body).toBe(`{"partner_code":"${MASKED}"}`)
  })
})

describe('toCurl', () => {
  it('quotes every part so the command pastes into a shell unchanged', () => {
    const curl = toCurl({
      method: 'POST',
      url: 'https://vendor.test/token',
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ['Content-Length', '10'],
      ],
      body: "name=O'Brien",
    })
    expect(curl).toBe(
      [
        "curl -X POST 'https://vendor.test/token'",
        "-H 'Content-Type: application/x-www-form-urlencoded'",
        "--data-raw 'name=O'\\''Brien'",
      ].join(' \\\n  '),
    )
  })
})
