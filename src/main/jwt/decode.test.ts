import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { ERR_JWT_MALFORMED } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'
import { decodeToken } from './decode'

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256')
const signed = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret)

function malformedMessage(input: string): string {
  try {
    decodeToken(input)
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDeskError)
    expect((error as TokenDeskError).code).toBe(ERR_JWT_MALFORMED)
    expect((error as TokenDeskError).field).toBe('token')
    return (error as Error).message
  }
  throw new Error('expected decodeToken to refuse the input')
}

describe('decodeToken', () => {
  it('returns header, payload and the time claims as ISO dates', async () => {
    const decoded = decodeToken(
      await signed({ sub: 'alice', iat: 1_700_000_000, exp: 1_700_000_900, nbf: 1_700_000_000 }),
    )
    expect(decoded.header).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(decoded.payload.sub).toBe('alice')
    expect(decoded.times.find((time) => time.claim === 'exp')).toEqual({
      claim: 'exp',
      epochSeconds: 1_700_000_900,
      iso: '2023-11-14T22:28:20.000Z',
    })
    expect(decoded.signatureBytes).toBe(32)
    expect(decoded.warnings).toEqual([])
  })

  it('strips a pasted "Bearer " prefix, quotes and line breaks, and says so', async () => {
    const token = await signed({ exp: 2_000_000_000 })
    const decoded = decodeToken(`Bearer "${token.slice(0, 20)}\n${token.slice(20)}"`)
    expect(decoded.payload.exp).toBe(2_000_000_000)
    expect(decoded.warnings).toHaveLength(3)
  })

  it('flags unsigned tokens and tokens that never expire', () => {
    const decoded = decodeToken(new UnsecuredJWT({ sub: 'x' }).encode())
    expect(decoded.signatureBytes).toBe(0)
    expect(decoded.warnings.join(' ')).toMatch(/alg "none"/)
    expect(decoded.warnings.join(' ')).toMatch(/never expires/)
  })

  it('names the problem with the structure', () => {
    expect(malformedMessage('')).toMatch(/empty/)
    expect(malformedMessage('2YotnFZFEjr1zCsicMWpAA')).toMatch(/not a JWT.*opaque/)
    expect(malformedMessage('a.b')).toMatch(/three parts.*this one has 2/)
    expect(malformedMessage('a.b.c.d.e')).toMatch(/encrypted JWT/)
  })

  it('names the part that is not base64url or not JSON', async () => {
    const [header, payload, signature] = (await signed({ sub: 'x' })).split('.')
    expect(malformedMessage(`${header}.pay$load.${signature}`)).toMatch(/payload \(part 2\).*not base64url/)
    const notJson = Buffer.from('hello world').toString('base64url')
    expect(malformedMessage(`${notJson}.${payload}.${signature}`)).toMatch(
      /header \(part 1\).*not JSON: "hello world"/,
    )
    const array = Buffer.from('[1,2]').toString('base64url')
    expect(malformedMessage(`${header}.${array}.${signature}`)).toMatch(/payload.*not an object/)
  })

  it('warns about times written in milliseconds or as strings', async () => {
    const decoded = decodeToken(await signed({ exp: 1_700_000_000_000, iat: 'yesterday' }))
    expect(decoded.warnings.join(' ')).toMatch(/"exp" looks like milliseconds/)
    expect(decoded.warnings.join(' ')).toMatch(/"iat" should be a number/)
  })
})

describe('decodeToken on damaged pastes', () => {
  it('names a signature whose length no base64url text can have (4n+1)', async () => {
    const [header, payload, signature] = (await signed({ sub: 'a' })).split('.')
    expect(malformedMessage(`${header}.${payload}.${signature}xy`)).toBe(
      'The signature (part 3) has one character too many or too few to be base64url (its length is 4n+1): a character was probably lost or added when copying.',
    )
  })

  it('removes a million surrounding quotes in one pass', async () => {
    const token = await signed({ sub: 'a' })
    const quotes = "'".repeat(500_000)
    expect(decodeToken(`${quotes}${token}${quotes}`).payload.sub).toBe('a')
  })
})
