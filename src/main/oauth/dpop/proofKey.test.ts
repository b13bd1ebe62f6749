import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ERR_DPOP_KEY } from '../../../shared/errorCodes'
import { DPOP_ALGORITHMS } from '../../../shared/integration'
import { exportDpopKey, generateDpopKey, importDpopKey } from './proofKey'
import { dpopKeyThumbprint } from './thumbprint'

describe('DPoP proof key', () => {
  it('makes an ES256 key on P-256 unless told otherwise', async () => {
    const key = await generateDpopKey()
    expect(key.algorithm).toBe('ES256')
    expect(key.publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) })
  })

  it.each(DPOP_ALGORITHMS)('keeps a %s key through the vault text and back, same thumbprint', async (alg) => {
    const key = await generateDpopKey(alg)
    const kept = await exportDpopKey(key)
    expect(JSON.parse(kept)).toMatchObject({ alg, d: expect.any(String) })
    const back = await importDpopKey(kept, alg)
    expect(back.algorithm).toBe(alg)
    expect(back.publicJwk).toEqual(key.publicJwk)
    expect(await dpopKeyThumbprint(back)).toBe(await dpopKeyThumbprint(key))
  })

  it('puts no private member in the public JWK', async () => {
    for (const alg of DPOP_ALGORITHMS) {
      const { publicJwk } = await generateDpopKey(alg)
      expect(
        Object.keys(publicJwk).filter((name) => ['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(name)),
      ).toEqual([])
    }
  })

  it('refuses a kept key of another kind than the chosen algorithm, naming both fields', async () => {
    const kept = await exportDpopKey(await generateDpopKey('EdDSA'))
    await expect(importDpopKey(kept, 'ES256')).rejects.toMatchObject({
      code: ERR_DPOP_KEY,
      field: 'dpop.privateKey',
      message:
        'The DPoP proof key is a key for EdDSA, but the DPoP key algorithm is ES256. Choose EdDSA, or clear the DPoP proof key to make a new ES256 key.',
    })
  })

  it('refuses text that is not a private JWK, and says how to get a new key', async () => {
    for (const text of ['not json', '{"kty":"EC","crv":"P-256","x":"a","y":"b"}', '[]', 'x'.repeat(20_000)]) {
      await expect(importDpopKey(text)).rejects.toMatchObject({
        code: ERR_DPOP_KEY,
        field: 'dpop.privateKey',
        message: expect.stringContaining('Clear it and TokenDesk makes a new one'),
      })
    }
  })

  it('refuses a P-384 key: DPoP here signs with P-256, RSA or Ed25519', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' })
    const text = JSON.stringify(privateKey.export({ format: 'jwk' }))
    await expect(importDpopKey(text)).rejects.toMatchObject({
      code: ERR_DPOP_KEY,
      message: expect.stringContaining('is not a P-256, RSA or Ed25519 key'),
    })
  })

  it('refuses an algorithm it cannot make a key for', async () => {
    await expect(generateDpopKey('HS256' as never)).rejects.toMatchObject({
      code: ERR_DPOP_KEY,
      field: 'dpop.algorithm',
    })
  })
})
