import { exportSPKI, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import type { Candidate } from '../keys/candidate'
import { hmacStrengthCheck } from './hmacStrength'

function typed(secret: string): Candidate {
  return {
    key: new TextEncoder().encode(secret),
    label: 'the shared secret',
    mismatch: '',
    secretText: secret,
  }
}

describe('hmacStrengthCheck', () => {
  it('fails a 31-byte secret for HS256, citing RFC 7518 §3.2', () => {
    expect(hmacStrengthCheck('HS256', typed('x'.repeat(31)))).toEqual({
      id: 'weak-hmac',
      ok: false,
      message:
        'The secret is 31 bytes; HS256 needs at least 32 (RFC 7518 §3.2). A short secret can be guessed offline from any one token.',
    })
  })

  it('passes a 32-byte secret for HS256', () => {
    expect(hmacStrengthCheck('HS256', typed('x'.repeat(32)))).toEqual({
      id: 'weak-hmac',
      ok: true,
      message: 'The secret is 32 bytes, at least the 32 that HS256 needs.',
    })
  })

  it('needs 48 bytes for HS384 and 64 for HS512', () => {
    expect(hmacStrengthCheck('HS384', typed('x'.repeat(47))).message).toMatch(
      /47 bytes; HS384 needs at least 48/,
    )
    expect(hmacStrengthCheck('HS384', typed('x'.repeat(48))).ok).toBe(true)
    expect(hmacStrengthCheck('HS512', typed('x'.repeat(63))).message).toMatch(
      /63 bytes; HS512 needs at least 64/,
    )
    expect(hmacStrengthCheck('HS512', typed('x'.repeat(64))).ok).toBe(true)
  })

  it('counts bytes, not characters', () => {
    // 16 × "é" is 16 characters but 32 bytes in UTF-8.
    expect(hmacStrengthCheck('HS256', typed('é'.repeat(16))).ok).toBe(true)
  })

  it('counts the bytes of the key tried, so a base64 reading is measured decoded', () => {
    const typedText = Buffer.alloc(31, 7).toString('base64')
    const decoded: Candidate = { ...typed(typedText), key: new Uint8Array(31) }
    expect(hmacStrengthCheck('HS256', decoded).message).toMatch(
      /^The secret is 31 bytes; HS256 needs at least 32/,
    )
  })

  it('flags a well-known secret whatever its case and surrounding spaces', () => {
    const expected = {
      id: 'weak-hmac',
      ok: false,
      message:
        'The secret is a well-known default that attackers try first: anyone can forge tokens this server accepts. Replace it with a random secret.',
    }
    expect(hmacStrengthCheck('HS256', typed('your-256-bit-secret'))).toEqual(expected)
    expect(hmacStrengthCheck('HS256', typed('  Secret\n'))).toEqual(expected)
  })

  it('names algorithm confusion when the secret is a PEM public key', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true })
    expect(hmacStrengthCheck('HS256', typed(await exportSPKI(publicKey)))).toEqual({
      id: 'weak-hmac',
      ok: false,
      message:
        'The secret is a PEM key. If the server accepted this token, it verifies HS256 with a public key as the secret (“algorithm confusion”): anyone with the public key can forge tokens.',
    })
  })
})
