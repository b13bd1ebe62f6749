import { compactVerify, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { hmacSecretCandidates } from './hmacSecret'

/** 32 bytes whose standard base64 uses "+", "/" and "=" padding. */
const SECRET_BYTES = Uint8Array.from({ length: 32 }, (_, index) => 255 - index * 7)
const SECRET_BASE64 = Buffer.from(SECRET_BYTES).toString('base64')

const MISMATCH =
  'The signature does not match this secret: the token was signed with another secret, or changed after signing.'

describe('hmacSecretCandidates', () => {
  it('tries a plain secret as its UTF-8 bytes, and says how many', () => {
    const candidates = hmacSecretCandidates('pässwörd for the staging API')
    expect(candidates).toHaveLength(1)
    expect(candidates[0]!.label).toBe('the shared secret (30 bytes)')
    expect(candidates[0]!.mismatch).toBe(MISMATCH)
    expect(candidates[0]!.secretText).toBe('pässwörd for the staging API')
  })

  it('also tries a base64 secret decoded, which checks a token signed with the decoded bytes', async () => {
    expect(SECRET_BASE64).toMatch(/[+/].*=$/)
    const token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'HS256' }).sign(SECRET_BYTES)
    const [asTyped, decoded] = hmacSecretCandidates(SECRET_BASE64)
    expect(asTyped!.label).toBe('the shared secret (44 bytes)')
    expect(decoded!.label).toBe('the shared secret read as base64 (32 bytes)')
    expect(decoded!.mismatch).toBe(MISMATCH)
    await expect(compactVerify(token, asTyped!.key)).rejects.toThrow()
    await expect(compactVerify(token, decoded!.key)).resolves.toBeDefined()
  })

  it('decodes the base64url alphabet without padding to the same bytes', () => {
    const base64url = Buffer.from(SECRET_BYTES).toString('base64url')
    expect(base64url).toMatch(/[-_]/)
    expect(hmacSecretCandidates(base64url)[1]!.key).toEqual(SECRET_BYTES)
  })

  it('does not read text too short to be a key as base64', () => {
    // 20 base64 characters decode to 15 bytes, too few to be anyone's HMAC key.
    expect(hmacSecretCandidates('abcdefghijklmnopqrst')).toHaveLength(1)
    expect(hmacSecretCandidates('abcdefghijklmnopqrstuv')).toHaveLength(2)
  })

  it('does not read text with spaces or punctuation as base64', () => {
    expect(hmacSecretCandidates('correct horse battery staple!')).toHaveLength(1)
  })

  it('points at a leading or trailing line break, and still reads the trimmed text as base64', () => {
    const candidates = hmacSecretCandidates(`${SECRET_BASE64}\n`)
    expect(candidates[0]!.mismatch).toBe(
      `${MISMATCH} The secret starts or ends with a space or line break: check it.`,
    )
    expect(candidates[0]!.label).toBe('the shared secret (45 bytes)')
    expect(candidates[1]!.key).toEqual(SECRET_BYTES)
  })
})
