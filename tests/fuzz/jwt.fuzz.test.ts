import fc from 'fast-check'
import { SignJWT } from 'jose'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { TokenDeskError } from '../../src/main/errors'
import { decodeToken } from '../../src/main/jwt/decode'
import { verifyToken } from '../../src/main/jwt/verify'
import { assertClonable, hostileText, vendorNumber } from './hostile'

// Each property runs many cases; under a loaded CI machine that takes longer than one plain test.
vi.setConfig({ testTimeout: 90_000 })

const SECRET = 'a-fuzzing-secret-that-is-long-enough-for-hs256'
let valid = ''
beforeAll(async () => {
  valid = await new SignJWT({ sub: 'alice', exp: 2_000_000_000, scope: 'read' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET))
})

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A token built from random claims (times included), or a valid token damaged by copy and paste. */
const token = fc.oneof(
  fc
    .tuple(
      fc.record({ alg: fc.oneof(fc.constantFrom('HS256', 'none', 'RS256', 'constructor'), fc.string()) }),
      fc.record(
        { exp: vendorNumber, nbf: vendorNumber, iat: vendorNumber, aud: fc.jsonValue() },
        { requiredKeys: [] },
      ),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,90}$/),
    )
    .map(([header, payload, signature]) => `${part(header)}.${part(payload)}.${signature}`),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('insert', 'delete', 'replace', 'wrap'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    )
    .map(([at, how, text]) => ({ at, how, text })),
  hostileText,
)

function concrete(value: string | { at: number; how: string; text: string }): string {
  if (typeof value === 'string') return value
  const at = value.at % (valid.length + 1)
  if (value.how === 'insert') return valid.slice(0, at) + value.text + valid.slice(at)
  if (value.how === 'delete') return valid.slice(0, at) + valid.slice(at + 1)
  if (value.how === 'replace') return valid.slice(0, at) + value.text + valid.slice(at + value.text.length)
  return `${value.text}Bearer ${valid}${value.text}`
}

/** Only TokenDeskError may escape, with a message a person can read. */
function expectExplained(error: unknown): void {
  expect(error).toBeInstanceOf(TokenDeskError)
  expect((error as TokenDeskError).message.trim()).not.toBe('')
}

describe('random and mutated JWTs', () => {
  it('decode either reads the token or says what is wrong with it', () => {
    fc.assert(
      fc.property(token, (generated) => {
        try {
          const decoded = decodeToken(concrete(generated))
          assertClonable(decoded)
          for (const time of decoded.times) expect(Number.isNaN(Date.parse(time.iso))).toBe(false)
        } catch (error) {
          expectExplained(error)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('verify gives every check a message and never throws past a malformed token', async () => {
    await fc.assert(
      fc.asyncProperty(token, async (generated) => {
        try {
          const result = await verifyToken(
            concrete(generated),
            { kind: 'hmac', secret: SECRET },
            { audience: 'api', scope: ['read'] },
            { now: () => 1_900_000_000_000 },
          )
          assertClonable(result)
          for (const check of result.checks) expect(check.message.trim()).not.toBe('')
        } catch (error) {
          expectExplained(error)
        }
      }),
      // Found by this property once: an "aud" object whose toString is not a function.
      { numRuns: 150, examples: [[`${part({ alg: 'HS256' })}.${part({ aud: { toString: null } })}.`]] },
    )
  })
})
