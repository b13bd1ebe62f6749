import { createHash } from 'node:crypto'
import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { ERR_DPOP_TARGET } from '../../../shared/errorCodes'
import { DPOP_ALGORITHMS } from '../../../shared/integration'
import { accessTokenHash, createDpopProof } from './proof'
import { generateDpopKey } from './proofKey'

const verify = (proof: string) =>
  jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: [...DPOP_ALGORITHMS] })

describe('DPoP proof', () => {
  it.each(DPOP_ALGORITHMS)('is a %s dpop+jwt a server verifies with the key in its header', async (alg) => {
    const key = await generateDpopKey(alg)
    const proof = await createDpopProof({ key, htm: 'post', htu: 'https://as.example.test/token' })
    const { payload, protectedHeader } = await verify(proof)
    expect(protectedHeader).toEqual({ alg, typ: 'dpop+jwt', jwk: key.publicJwk })
    expect(payload).toEqual({
      htm: 'POST',
      htu: 'https://as.example.test/token',
      iat: expect.any(Number),
      jti: expect.any(String),
    })
  })

  it('names the URL without its query and fragment', async () => {
    const key = await generateDpopKey()
    const proof = await createDpopProof({
      key,
      htm: 'GET',
      htu: 'https://api.example.test/v1/orders?page=2#top',
    })
    expect((await verify(proof)).payload.htu).toBe('https://api.example.test/v1/orders')
  })

  it('carries the hash of the access token and the server’s nonce when given', async () => {
    const key = await generateDpopKey()
    const proof = await createDpopProof({
      key,
      htm: 'GET',
      htu: 'https://api.example.test/me',
      accessToken: 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU',
      nonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v',
    })
    const { payload } = await verify(proof)
    // RFC 9449 §7.1's example token and its ath.
    expect(payload.ath).toBe('fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo')
    expect(payload.nonce).toBe('eyJ7S_zG.eyJH0-Z.HX4w-7v')
    expect(accessTokenHash('abc')).toBe(createHash('sha256').update('abc').digest('base64url'))
  })

  it('stamps iat from the clock it is given and uses a fresh jti each time', async () => {
    const key = await generateDpopKey()
    const at = new Date('2026-12-01T10:00:00Z')
    const request = { key, htm: 'GET', htu: 'https://api.example.test/', currentDate: at }
    const [first, second] = await Promise.all([createDpopProof(request), createDpopProof(request)])
    const one = await jwtVerify(first, EmbeddedJWK, { currentDate: at })
    const two = await jwtVerify(second, EmbeddedJWK, { currentDate: at })
    expect(one.payload.iat).toBe(at.getTime() / 1000)
    expect(one.payload.jti).not.toBe(two.payload.jti)
    expect(String(one.payload.jti).length).toBeGreaterThanOrEqual(22)
  })

  it('refuses a target that is not an http(s) URL, or a method that is not one', async () => {
    const key = await generateDpopKey()
    for (const htu of ['/relative', 'ftp://files.example.test/x', 'not a url'])
      await expect(createDpopProof({ key, htm: 'GET', htu })).rejects.toMatchObject({ code: ERR_DPOP_TARGET })
    await expect(createDpopProof({ key, htm: 'GET /x', htu: 'https://a.test/' })).rejects.toMatchObject({
      code: ERR_DPOP_TARGET,
    })
  })

  it('never puts the private key in the header', async () => {
    const key = await generateDpopKey('RS256')
    const proof = await createDpopProof({ key, htm: 'POST', htu: 'https://as.example.test/token' })
    expect(decodeProtectedHeader(proof).jwk).not.toHaveProperty('d')
  })
})
