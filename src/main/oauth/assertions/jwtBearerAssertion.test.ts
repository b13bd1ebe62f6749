import { generateKeyPairSync } from 'node:crypto'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { ERR_ASSERTION_CLAIMS, ERR_ASSERTION_KEY } from '../../../shared/errorCodes'
import { signJwtBearerAssertion } from './jwtBearerAssertion'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const ed = generateKeyPairSync('ed25519')
const pem = (pair: typeof rsa) => pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
const jwk = (pair: typeof rsa) => pair.privateKey.export({ format: 'jwk' }) as JWK
const publicSet = (pair: typeof rsa) =>
  createLocalJWKSet({ keys: [pair.publicKey.export({ format: 'jwk' }) as JWK] })

const claims = { iss: 'service-account-7', sub: 'user-42', aud: 'https://as.example.test/token' }

describe('JWT bearer assertion', () => {
  it('signs iss, sub, aud, iat, exp and a jti with a PEM key, RS256 by default for RSA', async () => {
    const at = new Date('2026-12-01T10:00:00Z')
    const assertion = await signJwtBearerAssertion({ ...claims, key: pem(rsa), currentDate: at })
    const { payload, protectedHeader } = await jwtVerify(assertion, publicSet(rsa), {
      currentDate: at,
      issuer: claims.iss,
      subject: claims.sub,
      audience: claims.aud,
    })
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT' })
    expect(payload.iat).toBe(at.getTime() / 1000)
    expect(payload.exp).toBe(at.getTime() / 1000 + 300)
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('signs with a JWK key, using its alg, and with the lifetime and jti given', async () => {
    const assertion = await signJwtBearerAssertion({
      ...claims,
      key: JSON.stringify({ ...jwk(ec), alg: 'ES256' }),
      expiresInSeconds: 60,
      jti: 'fixed-jti-1',
    })
    const { payload } = await jwtVerify(assertion, publicSet(ec))
    expect(decodeProtectedHeader(assertion).alg).toBe('ES256')
    expect(payload.exp! - payload.iat!).toBe(60)
    expect(payload.jti).toBe('fixed-jti-1')
  })

  it('signs EdDSA with an Ed25519 key and PS256 when chosen for RSA', async () => {
    const edAssertion = await signJwtBearerAssertion({ ...claims, key: pem(ed as never) })
    expect(decodeProtectedHeader(edAssertion).alg).toBe('EdDSA')
    await jwtVerify(edAssertion, publicSet(ed as never))
    const ps = await signJwtBearerAssertion({ ...claims, key: pem(rsa), alg: 'PS256' })
    await jwtVerify(ps, publicSet(rsa), { algorithms: ['PS256'] })
  })

  it('names every missing claim by its form label', async () => {
    await expect(
      signJwtBearerAssertion({ key: pem(rsa), iss: ' ', sub: '', aud: claims.aud }),
    ).rejects.toMatchObject({
      code: ERR_ASSERTION_CLAIMS,
      field: 'jwtBearer.issuer',
      message: 'The assertion needs Assertion issuer (iss) and Assertion subject (sub): fill them in.',
    })
  })

  it('refuses an impossible lifetime', async () => {
    for (const expiresInSeconds of [0, 1.5, 90_000])
      await expect(
        signJwtBearerAssertion({ ...claims, key: pem(rsa), expiresInSeconds }),
      ).rejects.toMatchObject({
        code: ERR_ASSERTION_CLAIMS,
        field: 'jwtBearer.expiresInSeconds',
      })
  })

  it('says what is wrong with a key it cannot use, naming the field by its label', async () => {
    const cases: Array<[string, RegExp]> = [
      ['', /^Fill in the Assertion signing key \(PEM or JWK\)\./],
      ['-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----', /could not be read/],
      [
        rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
        /holds a public key or a certificate/,
      ],
      [JSON.stringify(rsa.publicKey.export({ format: 'jwk' })), /signing needs the private key/],
      ['{"kty": "RSA",', /not valid JSON/],
      [
        '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----',
        /encrypted with a passphrase/,
      ],
    ]
    for (const [key, message] of cases)
      await expect(signJwtBearerAssertion({ ...claims, key })).rejects.toMatchObject({
        code: ERR_ASSERTION_KEY,
        field: 'jwtBearer.privateKey',
        message: expect.stringMatching(message),
      })
  })

  it('refuses an algorithm that does not fit the key, or is not a signature', async () => {
    await expect(signJwtBearerAssertion({ ...claims, key: pem(rsa), alg: 'ES256' })).rejects.toMatchObject({
      code: ERR_ASSERTION_KEY,
      message:
        'The Assertion signing key (PEM or JWK) cannot sign with ES256. Choose the Assertion algorithm that fits the key, or another key.',
    })
    for (const alg of ['none', 'HS256'])
      await expect(signJwtBearerAssertion({ ...claims, key: pem(rsa), alg })).rejects.toMatchObject({
        code: ERR_ASSERTION_KEY,
        message: expect.stringContaining('is not an algorithm an assertion can be signed with'),
      })
  })

  it('names the client assertion key field when it signs for client authentication', async () => {
    await expect(
      signJwtBearerAssertion({ ...claims, key: 'junk', keyField: 'clientAssertionKey' }),
    ).rejects.toMatchObject({
      field: 'clientAssertionKey',
      message: expect.stringContaining('Private key (PEM or JWK)'),
    })
  })
})
