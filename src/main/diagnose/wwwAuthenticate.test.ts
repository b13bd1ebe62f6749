import { describe, expect, it } from 'vitest'
import { retryAfterSeconds } from './retryAfter'
import { parseChallenges } from './wwwAuthenticate'

describe('parseChallenges (RFC 9110 §11.6.1)', () => {
  it('reads a Bearer challenge with an RFC 6750 error', () => {
    expect(
      parseChallenges([
        'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
      ]),
    ).toEqual([
      {
        scheme: 'Bearer',
        params: { realm: 'example', error: 'invalid_token', error_description: 'The access token expired' },
      },
    ])
  })

  it('separates several challenges, in one header or several', () => {
    expect(
      parseChallenges(['Basic realm="skykick", Bearer error=invalid_token', 'DPoP algs="ES256 PS256"']),
    ).toEqual([
      { scheme: 'Basic', params: { realm: 'skykick' } },
      { scheme: 'Bearer', params: { error: 'invalid_token' } },
      { scheme: 'DPoP', params: { algs: 'ES256 PS256' } },
    ])
  })

  it('unescapes quoted strings and lower-cases parameter names', () => {
    expect(parseChallenges(['Bearer ERROR="insufficient_scope", Scope="a \\"b\\" c"'])).toEqual([
      { scheme: 'Bearer', params: { error: 'insufficient_scope', scope: 'a "b" c' } },
    ])
  })

  it('skips a token68 and keeps what follows', () => {
    expect(parseChallenges(['Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXa=, Bearer realm="api"'])).toEqual([
      { scheme: 'Negotiate', params: {} },
      { scheme: 'Bearer', params: { realm: 'api' } },
    ])
  })

  it('keeps what it read before malformed input', () => {
    expect(parseChallenges(['Bearer realm="api", ="broken'])).toEqual([
      { scheme: 'Bearer', params: { realm: 'api' } },
    ])
    expect(parseChallenges([])).toEqual([])
  })
})

describe('retryAfterSeconds (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('Wed, 11 Mar 2026 09:30:00 GMT')

  it('reads delay-seconds', () => {
    expect(retryAfterSeconds('42', now)).toBe(42)
    expect(retryAfterSeconds(' 0 ', now)).toBe(0)
  })

  it('reads an HTTP-date against the given now, never below zero', () => {
    expect(retryAfterSeconds('Wed, 11 Mar 2026 09:31:30 GMT', now)).toBe(90)
    expect(retryAfterSeconds('Wed, 11 Mar 2026 09:00:00 GMT', now)).toBe(0)
  })

  it('ignores anything else', () => {
    expect(retryAfterSeconds(undefined, now)).toBeUndefined()
    expect(retryAfterSeconds('soon', now)).toBeUndefined()
    expect(retryAfterSeconds('-5', now)).toBeUndefined()
    expect(retryAfterSeconds('1.5', now)).toBeUndefined()
  })
})
