import { createPrivateKey, createPublicKey } from 'node:crypto'
import { compactVerify, exportPKCS8, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose'
import { describe, expect, it } from 'vitest'
import { publicKeyCandidate } from './importPublicKey'
import { KeyProblem } from './keyProblem'

const PASTE_PEM =
  'Paste the public key with its -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines, or the certificate (-----BEGIN CERTIFICATE-----).'

/** A self-signed P-256 certificate; its private key was thrown away, so nothing can sign for it. */
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBljCCAT2gAwIBAgIUOTwPsFDz2P6qep2xC33B1Kw5hMMwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVdG9rZW5kZXNrLXRlc3Qtc2lnbmVyMCAXDTI2MTEyNDE5Mzgw
NFoYDzIxMjYxMDMxMTkzODA0WjAgMR4wHAYDVQQDDBV0b2tlbmRlc2stdGVzdC1z
aWduZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARyCCiufv0F4tHmc9CC7W0v
dw09jxJ3y572jMG9zVUhG5ZEY4X/47JHpLSzBjEy9nsCxuGsg6FzUkW0mZNQMJtr
o1MwUTAdBgNVHQ4EFgQUExaffZCXUQK5vBl0Ae9v8Nyruz0wHwYDVR0jBBgwFoAU
ExaffZCXUQK5vBl0Ae9v8Nyruz0wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
AgNHADBEAiAD3DgvKgELtuTQW1dTSSjzAlQcEdpKUfhkSnFgn1TIlgIgDnLWBZ1c
aKZof+Q3YqCbMPwmLohhJ26l98McB48CrVo=
-----END CERTIFICATE-----`

async function refusal(text: string, alg: string): Promise<string> {
  try {
    await publicKeyCandidate(text, alg)
  } catch (error) {
    expect(error).toBeInstanceOf(KeyProblem)
    return (error as Error).message
  }
  throw new Error('expected publicKeyCandidate to refuse the key')
}

async function signedWith(privateKey: CryptoKey, alg: string): Promise<string> {
  return new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg }).sign(privateKey)
}

describe('publicKeyCandidate', () => {
  it('reads an SPKI RSA public key, names it, and checks the signature with it', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
    const candidate = await publicKeyCandidate(await exportSPKI(publicKey), 'RS256')
    expect(candidate.label).toBe('the RSA 2048 public key')
    expect(candidate.mismatch).toBe(
      'The signature does not match the RSA 2048 public key: the token was signed with another key, or changed after signing.',
    )
    await expect(compactVerify(await signedWith(privateKey, 'RS256'), candidate.key)).resolves.toBeDefined()
  })

  it('names EC curves as JOSE does, and Ed25519', async () => {
    const p256 = await generateKeyPair('ES256', { extractable: true })
    expect((await publicKeyCandidate(await exportSPKI(p256.publicKey), 'ES256')).label).toBe(
      'the EC P-256 public key',
    )
    const ed = await generateKeyPair('Ed25519', { extractable: true })
    const candidate = await publicKeyCandidate(await exportSPKI(ed.publicKey), 'EdDSA')
    expect(candidate.label).toBe('the Ed25519 public key')
    await expect(
      compactVerify(await signedWith(ed.privateKey, 'EdDSA'), candidate.key),
    ).resolves.toBeDefined()
  })

  it('reads a PKCS#1 "RSA PUBLIC KEY"', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
    const pkcs1 = createPublicKey(await exportSPKI(publicKey))
      .export({ type: 'pkcs1', format: 'pem' })
      .toString()
    expect(pkcs1).toMatch(/^-----BEGIN RSA PUBLIC KEY-----/)
    const candidate = await publicKeyCandidate(pkcs1, 'RS256')
    expect(candidate.label).toBe('the RSA 2048 public key')
    await expect(compactVerify(await signedWith(privateKey, 'RS256'), candidate.key)).resolves.toBeDefined()
  })

  it('finds the PEM block inside surrounding text', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true })
    const pasted = `Public key for the staging IdP:\n\n${await exportSPKI(publicKey)}\n(rotated yearly)`
    expect((await publicKeyCandidate(pasted, 'ES256')).label).toBe('the EC P-256 public key')
  })

  it('reads a certificate and names its subject', async () => {
    expect((await publicKeyCandidate(CERTIFICATE, 'ES256')).label).toBe(
      'the certificate for CN=tokendesk-test-signer',
    )
  })

  it('refuses a PKCS#8 private key and asks for the public key', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true })
    expect(await refusal(await exportPKCS8(privateKey), 'RS256')).toBe(
      `This is a private key. ${PASTE_PEM} A private key never needs to leave the server that signs.`,
    )
  })

  it('refuses a PKCS#1 "RSA PRIVATE KEY" the same way', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true })
    const pkcs1 = createPrivateKey(await exportPKCS8(privateKey))
      .export({ type: 'pkcs1', format: 'pem' })
      .toString()
    expect(pkcs1).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/)
    expect(await refusal(pkcs1, 'RS256')).toMatch(/^This is a private key\. Paste the public key/)
  })

  it('says a pasted JWK is JSON and points at the JWK option', async () => {
    expect(await refusal('{"kty":"RSA","n":"…","e":"AQAB"}', 'RS256')).toBe(
      `This is not a PEM key. ${PASTE_PEM} This looks like JSON: choose “JWK” instead.`,
    )
  })

  it('refuses a PEM block that holds no public key, naming the block', async () => {
    const csr = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----'
    expect(await refusal(csr, 'RS256')).toBe(
      `A “CERTIFICATE REQUEST” block cannot check signatures. ${PASTE_PEM}`,
    )
  })

  it('says a damaged public key could not be read', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true })
    const damaged = (await exportSPKI(publicKey)).replace(/\n[A-Za-z0-9+/]{10}/, '\n')
    expect(await refusal(damaged, 'ES256')).toBe(
      `The public key could not be read: part of it is missing or changed. ${PASTE_PEM}`,
    )
  })

  it('names both key types when the key does not fit the alg', async () => {
    const p384 = await generateKeyPair('ES384', { extractable: true })
    expect(await refusal(await exportSPKI(p384.publicKey), 'ES256')).toBe(
      'This is the EC P-384 public key, but the token says ES256, which needs an EC P-256 key. Check that the key belongs to the server that issued the token.',
    )
    expect(await refusal(CERTIFICATE, 'RS256')).toBe(
      'This is the certificate for CN=tokendesk-test-signer, but the token says RS256, which needs an RSA key. Check that the key belongs to the server that issued the token.',
    )
  })
})
