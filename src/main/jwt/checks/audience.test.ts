import { describe, expect, it } from 'vitest'
import { audienceCheck } from './audience'

const API = 'https://api.example.com'

describe('audienceCheck', () => {
  it('passes a single aud equal to the expected API', () => {
    expect(audienceCheck(API, API)).toEqual({
      id: 'aud',
      ok: true,
      message: `Meant for "${API}", as expected.`,
    })
  })

  it('passes an aud array that includes the expected API, and lists every audience', () => {
    expect(audienceCheck(['account', API], API)).toEqual({
      id: 'aud',
      ok: true,
      message: `Meant for "account", "${API}", including "${API}".`,
    })
  })

  it('fails an aud array without the expected API, and says how to get the right one', () => {
    expect(audienceCheck(['account', 'https://other.example.com'], API)).toEqual({
      id: 'aud',
      ok: false,
      message: `Meant for "account", "https://other.example.com", not for "${API}": that API will refuse it. Ask for the token with the right audience or resource parameter.`,
    })
  })

  it('names a trailing slash as the only difference', () => {
    expect(audienceCheck(`${API}/`, API)).toEqual({
      id: 'aud',
      ok: false,
      message: `Meant for "${API}/", not for "${API}": that API will refuse it. Ask for the token with the right audience or resource parameter. They differ only by a trailing slash, and audiences are compared character for character.`,
    })
  })

  it('spots the trailing slash on one entry of an aud array', () => {
    expect(audienceCheck(['account', API], `${API}/`).message).toMatch(/differ only by a trailing slash/)
  })

  it('compares case too, without calling it a trailing-slash difference', () => {
    const result = audienceCheck('API://tokendesk', 'api://tokendesk')
    expect(result.ok).toBe(false)
    expect(result.message).not.toMatch(/trailing slash/)
  })

  it('fails a token with no aud and names the expected API', () => {
    expect(audienceCheck(undefined, API)).toEqual({
      id: 'aud',
      ok: false,
      message: `The token has no "aud" claim, so it names no API it is meant for; expected "${API}".`,
    })
  })

  it('fails an aud that is neither a string nor a list of strings, without reading it as text', () => {
    for (const aud of [{ toString: null }, [API, 7], { [API]: true }]) {
      expect(audienceCheck(aud, API)).toEqual({
        id: 'aud',
        ok: false,
        message: `The "aud" claim is not a string or a list of strings (RFC 7519 §4.1.3), so no API can accept it; expected "${API}".`,
      })
    }
  })
})

describe('audienceCheck with an empty list', () => {
  it('treats an empty aud like a missing one', () => {
    expect(audienceCheck([], 'api').message).toContain('has no "aud" claim')
  })
})
