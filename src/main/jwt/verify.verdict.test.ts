import { generateKeyPairSync, sign } from 'node:crypto'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose'
import { describe, expect, it } from 'vitest'
import { ED448_UNSUPPORTED } from './lib/ed448'
import { verifyToken } from './verify'

const NOW_MS = Date.UTC(2030, 0, 1, 12, 0, 0)
const at = { now: () => NOW_MS, timeoutMs: 2000 }

async function serve(listener: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function closedPortUrl(): Promise<string> {
  const server = await serve(() => {})
  await server.close()
  return `${server.url}/jwks`
}

const rs256 = (privateKey: CryptoKey, kid = 'k1') =>
  new SignJWT({ sub: 'alice', exp: NOW_MS / 1000 + 600 })
    .setProtectedHeader({ alg: 'RS256', kid })
    .sign(privateKey)

/** jose 6 cannot sign Ed448, node:crypto can: the token is built by hand (RFC 8037 §3.1). */
function ed448Token() {
  const { privateKey, publicKey } = generateKeyPairSync('ed448')
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${part({ alg: 'EdDSA', kid: 'ed' })}.${part({ sub: 'alice' })}`
  const signature = sign(null, Buffer.from(input), privateKey).toString('base64url')
  return { token: `${input}.${signature}`, publicKey }
}

describe('verifyToken verdicts', () => {
  it('says valid when the signature matches, invalid when the key is another one', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true })
    const other = await generateKeyPair('RS256', { extractable: true })
    const token = await rs256(signer.privateKey)
    const good = await verifyToken(
      token,
      { kind: 'pem', text: await exportSPKI(signer.publicKey) },
      undefined,
      at,
    )
    expect(good).toMatchObject({ verdict: 'valid', valid: true })
    const bad = await verifyToken(
      token,
      { kind: 'pem', text: await exportSPKI(other.publicKey) },
      undefined,
      at,
    )
    expect(bad).toMatchObject({ verdict: 'invalid', valid: false })
    expect(bad.reason).toContain('does not match')
  })

  it('says invalid when the fetched key set has the kid but another key behind it', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true })
    const other = await generateKeyPair('RS256', { extractable: true })
    const jwk = { ...(await exportJWK(other.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
    const server = await serve((_req, res) => res.end(JSON.stringify({ keys: [jwk] })))
    try {
      const result = await verifyToken(
        await rs256(signer.privateKey),
        { kind: 'jwks', url: server.url },
        undefined,
        at,
      )
      expect(result).toMatchObject({ verdict: 'invalid', valid: false })
    } finally {
      await server.close()
    }
  })

  it('says unsigned for alg "none", never valid', async () => {
    const token = new UnsecuredJWT({ sub: 'alice' }).encode()
    const result = await verifyToken(token, { kind: 'hmac', secret: 'x'.repeat(32) }, undefined, at)
    expect(result).toMatchObject({ verdict: 'unsigned', valid: false })
  })

  it('says not checked, keys unreachable, when the JWKS answers HTTP 500', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true })
    const server = await serve((_req, res) => res.writeHead(500).end('oops'))
    try {
      const result = await verifyToken(
        await rs256(signer.privateKey),
        { kind: 'jwks', url: server.url },
        undefined,
        at,
      )
      expect(result).toMatchObject({
        verdict: 'unchecked',
        uncheckedBecause: 'keys-unreachable',
        valid: false,
      })
      expect(result.reason).toContain('HTTP 500')
    } finally {
      await server.close()
    }
  })

  it('says not checked, keys unreachable, when nothing listens at the JWKS or the issuer', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true })
    const token = await rs256(signer.privateKey)
    const url = await closedPortUrl()
    const jwks = await verifyToken(token, { kind: 'jwks', url }, undefined, at)
    expect(jwks).toMatchObject({ verdict: 'unchecked', uncheckedBecause: 'keys-unreachable' })
    const issuer = await verifyToken(token, { kind: 'issuer', issuer: new URL(url).origin }, undefined, at)
    expect(issuer).toMatchObject({ verdict: 'unchecked', uncheckedBecause: 'keys-unreachable' })
  })

  it('says not checked, keys unreachable, when the key set is over the size cap', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true })
    const server = await serve((_req, res) => res.end(`{"keys":[],"pad":"${'x'.repeat(1024 * 1024 + 10)}"}`))
    try {
      const result = await verifyToken(
        await rs256(signer.privateKey),
        { kind: 'jwks', url: server.url },
        undefined,
        at,
      )
      expect(result).toMatchObject({ verdict: 'unchecked', uncheckedBecause: 'keys-unreachable' })
    } finally {
      await server.close()
    }
  })

  it('says not checked, key unusable, when a shared secret is given for an RS256 token', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true })
    const result = await verifyToken(
      await rs256(signer.privateKey),
      { kind: 'hmac', secret: 's'.repeat(32) },
      undefined,
      at,
    )
    expect(result).toMatchObject({ verdict: 'unchecked', uncheckedBecause: 'key-unusable', valid: false })
  })

  it('says unsupported for an alg it does not know', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const token = `${part({ alg: 'XS999' })}.${part({ sub: 'a' })}.c2ln`
    const result = await verifyToken(token, { kind: 'hmac', secret: 's'.repeat(32) }, undefined, at)
    expect(result).toMatchObject({ verdict: 'unsupported', valid: false })
  })
})

describe('verifyToken on Ed448 where the crypto library lacks it (as in Electron)', () => {
  const lacking = { ...at, capabilities: { ed448: false } }

  it('says the build cannot check Ed448 with a pasted PEM or JWK, not that the signature is invalid', async () => {
    const { token, publicKey } = ed448Token()
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const jwk = JSON.stringify({ ...publicKey.export({ format: 'jwk' }), kid: 'ed' })
    for (const key of [
      { kind: 'pem', text: pem },
      { kind: 'jwk', text: jwk },
    ] as const) {
      const result = await verifyToken(token, key, undefined, lacking)
      expect(result).toMatchObject({ verdict: 'unsupported', valid: false, reason: ED448_UNSUPPORTED })
    }
  })

  it('says the same when the Ed448 key comes from a JWKS', async () => {
    const { token, publicKey } = ed448Token()
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'ed' }
    const server = await serve((_req, res) => res.end(JSON.stringify({ keys: [jwk] })))
    try {
      const result = await verifyToken(token, { kind: 'jwks', url: server.url }, undefined, lacking)
      expect(result).toMatchObject({ verdict: 'unsupported', reason: ED448_UNSUPPORTED })
    } finally {
      await server.close()
    }
  })

  it('says the same for the fully-specified "Ed448" alg (RFC 9864)', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const token = `${part({ alg: 'Ed448' })}.${part({ sub: 'a' })}.c2ln`
    const result = await verifyToken(token, { kind: 'jwk', text: '{}' }, undefined, lacking)
    expect(result).toMatchObject({ verdict: 'unsupported', reason: ED448_UNSUPPORTED })
  })

  it('keeps an Ed25519 token valid when only Ed448 is missing', async () => {
    const { privateKey, publicKey } = await generateKeyPair('Ed25519', { extractable: true })
    const token = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey)
    const result = await verifyToken(
      token,
      { kind: 'pem', text: await exportSPKI(publicKey) },
      undefined,
      lacking,
    )
    expect(result).toMatchObject({ verdict: 'valid' })
  })
})
