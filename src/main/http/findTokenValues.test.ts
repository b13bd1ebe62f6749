import { describe, expect, it } from 'vitest'
import { findTokenValues, MAX_TOKEN_LENGTH, MAX_TOKENS_FOUND } from './findTokenValues'

const token = 'eyJhbGciOi.J9-eyJzdWIi_OiIx/fQ+sig=='

describe('findTokenValues', () => {
  it.each([
    ['JSONP', `cb({"access_token":"${token}","token_type":"Bearer"})`],
    ['JSON with a comment', `// generated\n{ "refresh_token" : "${token}" /* rotated */ }`],
    ['camelCase names', `{"accessToken":"${token}"}`],
    ['JSON inside a JSON string', JSON.stringify({ raw: JSON.stringify({ idToken: token }) })],
    ['XML', `<response><access_token>${token}</access_token></response>`],
    ['an XML attribute', `<token id_token='${token}'/>`],
    ['a form', `expires_in=3600&access_token=${encodeURIComponent(token)}&token_type=bearer`],
    ['a URL fragment', `https://app.test/cb#state=x&refreshToken=${encodeURIComponent(token)}`],
    ['a bare "token"', `{"token": "${token}"}`],
  ])('finds the token in %s', (_shape, text) => {
    expect(findTokenValues(text)).toContain(token)
  })

  it('reads JSON escapes, so a token written with \\/ is found as it reads', () => {
    const escaped = token.replace(/\//g, '\\/')
    expect(findTokenValues(`{"access_token":"${escaped}"}`)).toEqual(expect.arrayContaining([escaped, token]))
  })

  it('passes over names that only start like a token name', () => {
    const discovery = JSON.stringify({
      token_endpoint: 'https://vendor.test/token',
      id_token_signing_alg_values_supported: ['RS256'],
      grant_types_supported: ['refresh_token'],
      refresh_token_expires_in: 7200,
      token_type: 'Bearer',
    })
    expect(findTokenValues(discovery)).toEqual([])
  })

  it('keeps at most a fixed number of values from a hostile body', () => {
    const body = Array.from({ length: 500 }, (_, i) => `access_token=value-${i}-abcdef`).join('&')
    expect(findTokenValues(body)).toHaveLength(MAX_TOKENS_FOUND)
  })

  it('reads a value once, up to a cap, and looks for the next name after it', () => {
    const body = `access_token=${'access_token='.repeat(50_000)}end`
    const found = findTokenValues(body)
    const start = 'access_token='.length
    expect(found[0]).toBe(body.slice(start, start + MAX_TOKEN_LENGTH))
    // Names inside a value already read are not read again: at most one value per cap's length.
    expect(found.length).toBeLessThanOrEqual(Math.ceil(body.length / MAX_TOKEN_LENGTH))
  })
})
