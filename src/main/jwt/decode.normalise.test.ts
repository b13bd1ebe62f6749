import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { ERR_JWT_MALFORMED } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'
import { decodeToken, MAX_PASTE_CHARS, normaliseToken, tryDecodeJwt } from './decode'

const BEARER = 'Removed a leading "Bearer " — that belongs to the Authorization header, not the token.'
const QUOTES = 'Removed quotes around the token.'
const SPACES =
  'Removed spaces or line breaks inside the token (often added when copying from a wrapped view).'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'

function normalised(input: string): { token: string; warnings: string[] } {
  const warnings: string[] = []
  return { token: normaliseToken(input, warnings), warnings }
}

const signed = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new Uint8Array(32).fill(1))

describe('normaliseToken', () => {
  it('returns a clean token as it is, with no warnings', () => {
    expect(normalised(TOKEN)).toEqual({ token: TOKEN, warnings: [] })
  })

  it('trims spaces and line breaks around the token without a warning', () => {
    expect(normalised(`  ${TOKEN}\n`)).toEqual({ token: TOKEN, warnings: [] })
  })

  it('removes a "Bearer " prefix in any case, and says where it belongs', () => {
    expect(normalised(`Bearer ${TOKEN}`)).toEqual({ token: TOKEN, warnings: [BEARER] })
    expect(normalised(`bearer\t${TOKEN}`)).toEqual({ token: TOKEN, warnings: [BEARER] })
  })

  it('keeps a token that merely starts with "Bearer" and no space', () => {
    expect(normalised(`Bearer${TOKEN}`).token).toBe(`Bearer${TOKEN}`)
  })

  it('removes double or single quotes', () => {
    expect(normalised(`"${TOKEN}"`)).toEqual({ token: TOKEN, warnings: [QUOTES] })
    expect(normalised(`'${TOKEN}'`)).toEqual({ token: TOKEN, warnings: [QUOTES] })
  })

  it('removes line breaks from a token copied out of a wrapped view', () => {
    const wrapped = `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20, 40)}\r\n  ${TOKEN.slice(40)}`
    expect(normalised(wrapped)).toEqual({ token: TOKEN, warnings: [SPACES] })
  })

  it('undoes all three at once and reports each', () => {
    expect(normalised(`Bearer "${TOKEN.slice(0, 30)}\n${TOKEN.slice(30)}"`)).toEqual({
      token: TOKEN,
      warnings: [BEARER, QUOTES, SPACES],
    })
  })

  it('throws ERR_JWT_MALFORMED on the token field when nothing was pasted', () => {
    for (const input of ['', '  \n\t ']) {
      const error = (() => {
        try {
          normaliseToken(input, [])
        } catch (thrown) {
          return thrown
        }
      })()
      expect(error).toBeInstanceOf(TokenDeskError)
      expect(error).toMatchObject({
        code: ERR_JWT_MALFORMED,
        field: 'token',
        message: 'Paste a token first: the field is empty.',
      })
    }
  })
})

describe('tryDecodeJwt', () => {
  it('returns the header and payload of a JWT', async () => {
    expect(tryDecodeJwt(await signed({ sub: 'alice', scope: 'read' }))).toEqual({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: 'alice', scope: 'read' },
    })
  })

  it('reads a JWT pasted with "Bearer " and line breaks', async () => {
    const token = await signed({ sub: 'alice' })
    expect(tryDecodeJwt(`Bearer ${token.slice(0, 25)}\n${token.slice(25)}`)?.payload).toEqual({
      sub: 'alice',
    })
  })

  it('reads an unsigned token: it is readable, whatever its worth', () => {
    expect(tryDecodeJwt(new UnsecuredJWT({ sub: 'alice' }).encode())).toEqual({
      header: { alg: 'none' },
      payload: { sub: 'alice' },
    })
  })

  it('returns null for an opaque token and for an encrypted JWT (five parts)', () => {
    expect(tryDecodeJwt('2YotnFZFEjr1zCsicMWpAA')).toBeNull()
    expect(tryDecodeJwt('eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d')).toBeNull()
  })

  it('returns null, never throws, for three parts that are not JSON', () => {
    expect(tryDecodeJwt('not.a.jwt')).toBeNull()
    expect(tryDecodeJwt('..')).toBeNull()
  })
})

describe('normaliseToken with a quoted header value', () => {
  it('removes "Bearer " inside quotes, as copied from a JSON or HAR header value', () => {
    expect(normalised(`"Bearer ${TOKEN}"`)).toEqual({ token: TOKEN, warnings: [BEARER, QUOTES] })
  })
})

describe('decodeToken on a pasted token response or Authorization header', () => {
  it('takes the access token out of a token response, and says it also held an id_token', async () => {
    const accessToken = await signed({ sub: 'api-user' })
    const idToken = await signed({ sub: 'person', nonce: 'n' })
    const response = JSON.stringify({ access_token: accessToken, token_type: 'Bearer', id_token: idToken })
    const decoded = decodeToken(response)
    expect(decoded.payload).toEqual({ sub: 'api-user' })
    expect(decoded.extracted).toBe('access_token')
    expect(decoded.warnings).toContain(
      'Took the access_token out of the pasted token response. It also holds an id_token: paste that alone to read it.',
    )
  })

  it('takes the id_token when the response holds no access token', async () => {
    const decoded = decodeToken(JSON.stringify({ id_token: await signed({ sub: 'person' }) }))
    expect(decoded).toMatchObject({ extracted: 'id_token', payload: { sub: 'person' } })
  })

  it('takes the token out of an "Authorization: Bearer" header line, saying so once', async () => {
    const token = await signed({ sub: 'alice' })
    const decoded = decodeToken(`authorization:   Bearer ${token}`)
    expect(decoded.extracted).toBe('authorization-header')
    expect(decoded.warnings).toEqual([
      'Took the token out of the pasted "Authorization: Bearer …" header line.',
      'The token has no "exp" claim, so it never expires.',
    ])
    expect(decodeToken(`Bearer ${token}`).extracted).toBe('authorization-header')
  })

  it('names what is missing in JSON that is not a token response, and refuses oversized JSON', () => {
    expect(() => decodeToken('{"error":"invalid_client"}')).toThrow(/holds no "access_token" or "id_token"/)
    expect(() => decodeToken('{"access_token": ')).toThrow(/not valid JSON/)
    expect(() => decodeToken(`{"a":"${'x'.repeat(MAX_PASTE_CHARS)}"}`)).toThrow(/longer than/)
  })

  it('marks an alg "none" token as unsigned', () => {
    expect(decodeToken(new UnsecuredJWT({ sub: 'a' }).encode()).unsigned).toBe(true)
    expect(decodeToken(TOKEN).unsigned).toBe(false)
  })
})
