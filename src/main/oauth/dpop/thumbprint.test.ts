import { describe, expect, it } from 'vitest'
import { generateDpopKey } from './proofKey'
import { boundKeyThumbprint, dpopKeyThumbprint } from './thumbprint'

describe('DPoP key thumbprint', () => {
  it('is the RFC 7638 SHA-256 thumbprint, 43 base64url characters, the same for the same key', async () => {
    const key = await generateDpopKey()
    const thumbprint = await dpopKeyThumbprint(key)
    expect(thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await dpopKeyThumbprint({ ...key, publicJwk: { ...key.publicJwk } })).toBe(thumbprint)
    expect(await dpopKeyThumbprint(await generateDpopKey())).not.toBe(thumbprint)
  })

  it('reads cnf.jkt from a bound token’s claims, and nothing from others', () => {
    expect(
      boundKeyThumbprint({ sub: 'x', cnf: { jkt: '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I' } }),
    ).toBe('0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I')
    for (const claims of [
      undefined,
      null,
      'text',
      { cnf: null },
      { cnf: { jkt: 7 } },
      { cnf: { 'x5t#S256': 'a' } },
    ])
      expect(boundKeyThumbprint(claims)).toBeUndefined()
    expect(boundKeyThumbprint(JSON.parse('{"__proto__": {"cnf": {"jkt": "inherited"}}}'))).toBeUndefined()
  })
})
