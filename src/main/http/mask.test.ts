import { describe, expect, it } from 'vitest'
import { MASKED } from '../../shared/secretNames'
import { toCurl } from '../../shared/curl'
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
