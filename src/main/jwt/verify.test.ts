import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  SignJWT,
  UnsecuredJWT,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  type CryptoKey,
  type JWTPayload,
} from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERR_JWT_MALFORMED } from '../../shared/errorCodes'
import type { ClaimCheck, VerificationResult } from '../../shared/jwt'
import {
  OIDC_API_RESOURCE,
  oidcClients,
  startOidcProvider,
  type OidcTestServer,
} from '../sandbox/oidcProvider'
import { TokenDeskError } from '../errors'
import { verifyToken } from './verify'

const NOW_MS = Date.UTC(2030, 0, 1, 12, 0, 0)
const NOW = NOW_MS / 1000
const at = { now: () => NOW_MS }

function check(result: VerificationResult, id: string): ClaimCheck {
  const found = result.checks.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no "${id}" check in ${JSON.stringify(result.checks.map((c) => c.id))}`)
  return found
}

/** A tiny HTTP server on 127.0.0.1, for JWKS endpoints that misbehave in one precise way. */
async function serve(listener: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const json =
  (body: unknown): RequestListener =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

async function rsaKey(alg = 'RS256') {
  return generateKeyPair(alg, { extractable: true })
}

function signRs256(claims: JWTPayload, privateKey: CryptoKey, kid?: string) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', ...(kid ? { kid } : {}) }).sign(privateKey)
}

function signHs256(claims: JWTPayload, secret: string) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret))
}

describe('verifyToken against a real OpenID provider', () => {
  let provider: OidcTestServer
  let accessToken: string
  let jwksUri: string

  beforeAll(async () => {
    provider = await startOidcProvider()
    const { clientId, clientSecret } = oidcClients.machine
    // RFC 6749 §2.3.1: form-urlencode id and secret before Basic.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString(
      'base64',
    )
    const response = await fetch(provider.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api:read' }),
    })
    accessToken = String(((await response.json()) as { access_token: string }).access_token)
    const metadata = await fetch(`${provider.issuer}/.well-known/openid-configuration`)
    jwksUri = ((await metadata.json()) as { jwks_uri: string }).jwks_uri
  })
  afterAll(() => provider.close())

  it('verifies with the keys the issuer publishes through discovery, and checks iss against it', async () => {
    const result = await verifyToken(accessToken, { kind: 'issuer', issuer: provider.issuer }, undefined, {})
    expect(result.valid).toBe(true)
    expect(result.reason).toBeUndefined()
    expect(result.alg).toBe('RS256')
    expect(result.kid).toBe('test-key-1')
    expect(result.keyUsed).toBe(`kid test-key-1 from the JWKS at ${jwksUri}`)
    expect(check(result, 'signature')).toEqual({
      id: 'signature',
      ok: true,
      message: `Signature verified with kid test-key-1 from the JWKS at ${jwksUri}.`,
    })
    expect(check(result, 'iss')).toMatchObject({
      ok: true,
      message: `Issued by ${provider.issuer}, as expected.`,
    })
    expect(check(result, 'exp').ok).toBe(true)
    expect(check(result, 'exp').message).toMatch(/^Not expired: expires in (9|10) min/)
    expect(result.checks.find((c) => c.id === 'key-source')).toBeUndefined()
  })

  it('verifies with the JWKS URL, and reports the kid it used', async () => {
    const result = await verifyToken(accessToken, { kind: 'jwks', url: jwksUri }, undefined, {})
    expect(result.valid).toBe(true)
    expect(result.kid).toBe('test-key-1')
    expect(result.keyUsed).toContain('kid test-key-1')
  })

  it('accepts the expected audience and scope when the token has them', async () => {
    const result = await verifyToken(
      accessToken,
      { kind: 'jwks', url: jwksUri },
      { audience: OIDC_API_RESOURCE, scope: ['api:read'] },
      {},
    )
    expect(check(result, 'aud')).toEqual({
      id: 'aud',
      ok: true,
      message: `Meant for "${OIDC_API_RESOURCE}", as expected.`,
    })
    expect(check(result, 'scope')).toEqual({
      id: 'scope',
      ok: true,
      message: 'Every requested scope was granted. Requested: api:read. Granted: api:read.',
    })
  })

  it('names the audience it is for and the scopes that are missing, while the signature stays valid', async () => {
    const result = await verifyToken(
      accessToken,
      { kind: 'jwks', url: jwksUri },
      { audience: 'https://billing.example.com', scope: ['api:read', 'api:write'] },
      {},
    )
    expect(result.valid).toBe(true)
    expect(check(result, 'aud')).toMatchObject({
      ok: false,
      message: `Meant for "${OIDC_API_RESOURCE}", not for "https://billing.example.com": that API will refuse it. Ask for the token with the right audience or resource parameter.`,
    })
    expect(check(result, 'scope')).toMatchObject({
      ok: false,
      message:
        'Requested: api:read api:write. Granted: api:read. Missing: api:write — calls that need them will be refused (insufficient_scope).',
    })
  })

  it('fails the iss check when another issuer was expected', async () => {
    const result = await verifyToken(
      accessToken,
      { kind: 'jwks', url: jwksUri },
      { issuer: `${provider.issuer}/` },
      {},
    )
    expect(result.valid).toBe(true)
    expect(check(result, 'iss')).toMatchObject({
      ok: false,
      message: `The token says "${provider.issuer}", expected "${provider.issuer}/": they differ only by a trailing slash, and issuers are compared character for character.`,
    })
  })

  it('says no key has the token’s kid, and lists the kids found, when the JWKS is another server’s', async () => {
    const { publicKey } = await rsaKey()
    const other = await serve(
      json({ keys: [{ ...(await exportJWK(publicKey)), kid: 'other-key', use: 'sig' }] }),
    )
    try {
      const result = await verifyToken(accessToken, { kind: 'jwks', url: `${other.url}/jwks` }, undefined, {})
      expect(result.valid).toBe(false)
      expect(result.keyUsed).toBeUndefined()
      expect(result.reason).toBe(
        `No key in the JWKS at ${other.url}/jwks has kid "test-key-1". Kids found: other-key. The token may come from another issuer or environment, or the keys were rotated.`,
      )
      expect(check(result, 'signature')).toMatchObject({ ok: false, message: result.reason })
    } finally {
      await other.close()
    }
  })

  it('says the signature does not match when a JWKS reuses the kid with another key', async () => {
    const { publicKey } = await rsaKey()
    const impostor = await serve(json({ keys: [{ ...(await exportJWK(publicKey)), kid: 'test-key-1' }] }))
    try {
      const result = await verifyToken(accessToken, { kind: 'jwks', url: impostor.url }, undefined, {})
      expect(result.valid).toBe(false)
      expect(result.reason).toBe(
        `The JWKS at ${impostor.url} has a key with kid "test-key-1", but the signature does not match it: the token was changed after signing, or signed by another key that reuses this kid.`,
      )
    } finally {
      await impostor.close()
    }
  })

  it('tries each fitting key when the token has no kid', async () => {
    const first = await rsaKey()
    const second = await rsaKey()
    const keys = { keys: [await exportJWK(first.publicKey), await exportJWK(second.publicKey)] }
    const jwks = await serve(json(keys))
    try {
      const token = await signRs256({ sub: 'alice' }, second.privateKey)
      const result = await verifyToken(token, { kind: 'jwks', url: jwks.url }, undefined, {})
      expect(result).toMatchObject({
        valid: true,
        keyUsed: `key 2 of the 2 in the JWKS at ${jwks.url} that fit RS256 (the token has no kid)`,
      })
      const stranger = await signRs256({ sub: 'alice' }, (await rsaKey()).privateKey)
      expect((await verifyToken(stranger, { kind: 'jwks', url: jwks.url }, undefined, {})).reason).toBe(
        `The token has no kid, and the signature matches none of the 2 keys in the JWKS at ${jwks.url} that fit RS256.`,
      )
    } finally {
      await jwks.close()
    }
  })

  it('does not follow a redirect from the JWKS URL, and names where it points', async () => {
    const moved = await serve((_req, res) => res.writeHead(302, { location: jwksUri }).end())
    try {
      const result = await verifyToken(accessToken, { kind: 'jwks', url: moved.url }, undefined, {})
      expect(result.reason).toBe(
        `${moved.url} answered HTTP 302, a redirect to ${jwksUri}. Use that address as the JWKS URL: keys are only read from the URL given.`,
      )
    } finally {
      await moved.close()
    }
  })

  it('says the JWKS could not be reached when nothing listens there', async () => {
    const gone = await serve(() => {})
    await gone.close()
    const result = await verifyToken(accessToken, { kind: 'jwks', url: `${gone.url}/jwks` }, undefined, {})
    expect(result.valid).toBe(false)
    expect(result.reason).toBe(
      `Could not reach the JWKS at ${gone.url}/jwks: The connection was refused: nothing is listening on that port (ECONNREFUSED).`,
    )
  })

  it('says the issuer’s discovery document could not be reached', async () => {
    const gone = await serve(() => {})
    await gone.close()
    const result = await verifyToken(accessToken, { kind: 'issuer', issuer: gone.url }, undefined, {})
    expect(result.valid).toBe(false)
    expect(result.reason).toMatch(
      /^Could not reach the issuer’s discovery document at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration: The connection was refused/,
    )
  })

  it('points at jwks_uri when the JWKS URL is really the discovery document', async () => {
    const url = `${provider.issuer}/.well-known/openid-configuration`
    const result = await verifyToken(accessToken, { kind: 'jwks', url }, undefined, {})
    expect(result.valid).toBe(false)
    expect(result.reason).toContain(`${url} returned JSON, but not a usable key set`)
    expect(result.reason).toContain(
      'This looks like a discovery document: choose “Issuer’s published keys”, or use its jwks_uri.',
    )
  })

  it('says when the JWKS URL returns a web page or an HTTP error', async () => {
    const page = await serve((req, res) => {
      if (req.url === '/missing') res.writeHead(404).end('not here')
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Sign in</p>')
    })
    try {
      const html = await verifyToken(accessToken, { kind: 'jwks', url: `${page.url}/jwks` }, undefined, {})
      expect(html.reason).toBe(
        `${page.url}/jwks did not return JSON. It looks like a web page (HTML). Check the JWKS URL: the issuer’s discovery document names it as jwks_uri.`,
      )
      const missing = await verifyToken(
        accessToken,
        { kind: 'jwks', url: `${page.url}/missing` },
        undefined,
        {},
      )
      expect(missing.reason).toBe(
        `${page.url}/missing answered HTTP 404. Check the JWKS URL: the issuer’s discovery document names it as jwks_uri.`,
      )
    } finally {
      await page.close()
    }
  })

  it('refuses to check an RS256 token with a shared secret, and says what to choose', async () => {
    const result = await verifyToken(accessToken, { kind: 'hmac', secret: 'whatever' }, undefined, {})
    expect(result.valid).toBe(false)
    expect(result.reason).toBe(
      'The token is signed with RS256, a public-key algorithm: a shared secret cannot check it. Choose the issuer’s published keys, a JWKS URL or a public key.',
    )
  })
})

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

describe('verifyToken with a public key (PEM) or JWK', () => {
  it('reads a certificate and names its subject', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    const token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey)
    const result = await verifyToken(token, { kind: 'pem', text: CERTIFICATE }, undefined, at)
    expect(result.valid).toBe(false)
    expect(result.reason).toBe(
      'The signature does not match the certificate for CN=tokendesk-test-signer: the token was signed with another key, or changed after signing.',
    )
  })

  it('verifies with the matching SPKI public key and names the key type', async () => {
    const { publicKey, privateKey } = await rsaKey()
    const token = await signRs256({ sub: 'alice', exp: NOW + 60 * 60 }, privateKey)
    const result = await verifyToken(token, { kind: 'pem', text: await exportSPKI(publicKey) }, undefined, at)
    expect(result.valid).toBe(true)
    expect(result.keyUsed).toBe('the RSA 2048 public key')
    expect(check(result, 'exp').message).toBe('Not expired: expires in 1 h.')
  })

  it('says the signature does not match another public key', async () => {
    const signer = await rsaKey()
    const other = await rsaKey()
    const token = await signRs256({ sub: 'alice' }, signer.privateKey)
    const result = await verifyToken(
      token,
      { kind: 'pem', text: await exportSPKI(other.publicKey) },
      undefined,
      at,
    )
    expect(result.valid).toBe(false)
    expect(result.reason).toBe(
      'The signature does not match the RSA 2048 public key: the token was signed with another key, or changed after signing.',
    )
  })

  it('says which key type the alg needs when the PEM is of another type', async () => {
    const signer = await rsaKey()
    const ec = await generateKeyPair('ES256', { extractable: true })
    const token = await signRs256({ sub: 'alice' }, signer.privateKey)
    const result = await verifyToken(
      token,
      { kind: 'pem', text: await exportSPKI(ec.publicKey) },
      undefined,
      at,
    )
    expect(result.reason).toBe(
      'This is the EC P-256 public key, but the token says RS256, which needs an RSA key. Check that the key belongs to the server that issued the token.',
    )
  })

  it('asks for the public key when a private key or other text is pasted', async () => {
    const { privateKey } = await rsaKey()
    const token = await signRs256({ sub: 'alice' }, privateKey)
    const pasted = await verifyToken(
      token,
      { kind: 'pem', text: await exportPKCS8(privateKey) },
      undefined,
      at,
    )
    expect(pasted.reason).toBe(
      'This is a private key. Paste the public key with its -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines, or the certificate (-----BEGIN CERTIFICATE-----). A private key never needs to leave the server that signs.',
    )
    const notPem = await verifyToken(
      token,
      { kind: 'pem', text: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' },
      undefined,
      at,
    )
    expect(notPem.reason).toMatch(
      /^This is not a PEM key\. Paste the public key with its -----BEGIN PUBLIC KEY-----/,
    )
    const damaged = await verifyToken(
      token,
      { kind: 'pem', text: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' },
      undefined,
      at,
    )
    expect(damaged.reason).toMatch(/^The public key could not be read: part of it is missing or changed\./)
  })

  it('refuses an HS256 token with a public key and names algorithm confusion', async () => {
    const { publicKey } = await rsaKey()
    const token = await signHs256({ sub: 'alice' }, 'a-long-enough-secret-for-hs256-000000')
    const result = await verifyToken(token, { kind: 'pem', text: await exportSPKI(publicKey) }, undefined, at)
    expect(result.valid).toBe(false)
    expect(result.reason).toContain('that is the “algorithm confusion” attack')
  })

  it('verifies with a public JWK, with a private JWK (using its public part) and with a pasted key set', async () => {
    const { publicKey, privateKey } = await rsaKey()
    const token = await signRs256({ sub: 'alice' }, privateKey, 'k1')
    const publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1' }
    const one = await verifyToken(token, { kind: 'jwk', text: JSON.stringify(publicJwk) }, undefined, at)
    expect(one).toMatchObject({ valid: true, keyUsed: 'the JWK with kid k1' })
    const privateJwk = { ...(await exportJWK(privateKey)), kid: 'k1' }
    const fromPrivate = await verifyToken(
      token,
      { kind: 'jwk', text: JSON.stringify(privateJwk) },
      undefined,
      at,
    )
    expect(fromPrivate).toMatchObject({
      valid: true,
      keyUsed: 'the JWK with kid k1 (its public part: you pasted a private key)',
    })
    const set = await verifyToken(
      token,
      { kind: 'jwk', text: JSON.stringify({ keys: [publicJwk] }) },
      undefined,
      at,
    )
    expect(set).toMatchObject({ valid: true, keyUsed: 'kid k1 from the pasted key set' })
  })

  it('says what to paste when the JWK text is not JSON, or the JWK is for another alg', async () => {
    const { publicKey, privateKey } = await rsaKey()
    const token = await signRs256({ sub: 'alice' }, privateKey)
    const notJson = await verifyToken(
      token,
      { kind: 'jwk', text: '-----BEGIN PUBLIC KEY-----' },
      undefined,
      at,
    )
    expect(notJson.reason).toBe(
      'The JWK is not valid JSON. Paste one key as JSON, e.g. {"kty":"RSA","n":"…","e":"AQAB"}, or a key set {"keys":[…]}. For a -----BEGIN… key, choose “Public key (PEM)”.',
    )
    const otherAlg = { ...(await exportJWK(publicKey)), alg: 'PS256' }
    const wrongAlg = await verifyToken(token, { kind: 'jwk', text: JSON.stringify(otherAlg) }, undefined, at)
    expect(wrongAlg.reason).toBe('The JWK is for alg PS256, but the token says RS256.')
  })
})

describe('verifyToken with a shared secret (HMAC)', () => {
  it('verifies, and flags a well-known secret as one attackers try first', async () => {
    const token = await signHs256({ sub: 'alice' }, 'secret')
    const result = await verifyToken(token, { kind: 'hmac', secret: 'secret' }, undefined, at)
    expect(result.valid).toBe(true)
    expect(result.keyUsed).toBe('the shared secret (6 bytes)')
    expect(check(result, 'weak-hmac')).toEqual({
      id: 'weak-hmac',
      ok: false,
      message:
        'The secret is a well-known default that attackers try first: anyone can forge tokens this server accepts. Replace it with a random secret.',
    })
  })

  it('flags a secret shorter than the hash (RFC 7518 §3.2)', async () => {
    const token = await signHs256({ sub: 'alice' }, 'k7#Qz!x2')
    const result = await verifyToken(token, { kind: 'hmac', secret: 'k7#Qz!x2' }, undefined, at)
    expect(check(result, 'weak-hmac')).toMatchObject({
      ok: false,
      message:
        'The secret is 8 bytes; HS256 needs at least 32 (RFC 7518 §3.2). A short secret can be guessed offline from any one token.',
    })
  })

  it('passes a secret as long as the hash', async () => {
    const secret = 'f3b9c1d27e8a4056b1c9d0e2f4a6b8c0d2e4'
    const token = await signHs256({ sub: 'alice' }, secret)
    const result = await verifyToken(token, { kind: 'hmac', secret }, undefined, at)
    expect(check(result, 'weak-hmac')).toEqual({
      id: 'weak-hmac',
      ok: true,
      message: 'The secret is 36 bytes, at least the 32 that HS256 needs.',
    })
  })

  it('tries the secret as base64 too, as some providers show it encoded', async () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32))
    const token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'HS256' }).sign(bytes)
    const result = await verifyToken(
      token,
      { kind: 'hmac', secret: Buffer.from(bytes).toString('base64') },
      undefined,
      at,
    )
    expect(result).toMatchObject({ valid: true, keyUsed: 'the shared secret read as base64 (32 bytes)' })
  })

  it('says the secret does not match, and points at a trailing line break', async () => {
    const token = await signHs256({ sub: 'alice' }, 'the-real-secret-that-is-32-bytes!')
    const result = await verifyToken(
      token,
      { kind: 'hmac', secret: 'the-real-secret-that-is-32-bytes!\n' },
      undefined,
      at,
    )
    expect(result.valid).toBe(false)
    expect(result.reason).toBe(
      'The signature does not match this secret: the token was signed with another secret, or changed after signing. The secret starts or ends with a space or line break: check it.',
    )
    expect(result.checks.find((c) => c.id === 'weak-hmac')).toBeUndefined()
  })
})

describe('verifyToken on unsigned and malformed tokens', () => {
  it('never calls an alg "none" token valid, and flags it', async () => {
    const token = new UnsecuredJWT({ sub: 'alice', exp: NOW + 600 }).encode()
    const result = await verifyToken(token, { kind: 'hmac', secret: 'anything' }, undefined, at)
    expect(result.valid).toBe(false)
    expect(result.alg).toBe('none')
    expect(result.reason).toBe('The token is unsigned (alg "none"): there is no signature to check.')
    expect(check(result, 'alg-none')).toEqual({
      id: 'alg-none',
      ok: false,
      message:
        'alg is "none": anyone could have written this token. A server must never accept it, whatever its claims say.',
    })
    expect(check(result, 'exp').ok).toBe(true)
  })

  it('throws ERR_JWT_MALFORMED on the token field when it is not a JWS', async () => {
    const error = await verifyToken('not-a-jwt', { kind: 'hmac', secret: 'x' }, undefined, at).catch((e) => e)
    expect(error).toBeInstanceOf(TokenDeskError)
    expect(error).toMatchObject({ code: ERR_JWT_MALFORMED, field: 'token' })
  })

  it('accepts a pasted "Bearer " prefix and line breaks, as the inspector does', async () => {
    const secret = 'f3b9c1d27e8a4056b1c9d0e2f4a6b8c0d2e4'
    const token = await signHs256({ sub: 'alice' }, secret)
    const pasted = `Bearer ${token.slice(0, 20)}\n${token.slice(20)}`
    expect((await verifyToken(pasted, { kind: 'hmac', secret }, undefined, at)).valid).toBe(true)
  })
})

describe('verifyToken time checks', () => {
  const secret = 'f3b9c1d27e8a4056b1c9d0e2f4a6b8c0d2e4'
  const verifyAtNow = async (claims: JWTPayload) =>
    verifyToken(await signHs256(claims, secret), { kind: 'hmac', secret }, undefined, at)

  it('reports an expired token with how long ago, and keeps the signature valid', async () => {
    const result = await verifyAtNow({ iat: NOW - 7200, exp: NOW - 3600 })
    expect(result.valid).toBe(true)
    expect(check(result, 'exp')).toEqual({
      id: 'exp',
      ok: false,
      message: 'Expired 1 h ago.',
      at: '2030-01-01T11:00:00.000Z',
    })
    expect(check(result, 'iat')).toMatchObject({
      ok: true,
      message: 'Issued 2 h ago.',
    })
  })

  it('counts a token as expired at exactly exp, and mentions clock skew when it is that close', async () => {
    const result = await verifyAtNow({ exp: NOW - 5 })
    expect(check(result, 'exp').ok).toBe(false)
    expect(check(result, 'exp').message).toBe(
      'Expired 5 s ago. That is so recent that a clock difference between this computer and the server could decide it; servers often allow a minute or two of leeway.',
    )
    expect(check(await verifyAtNow({ exp: NOW }), 'exp').ok).toBe(false)
  })

  it('says a not-yet-valid token points at a clock behind the server’s', async () => {
    const result = await verifyAtNow({ nbf: NOW + 42, exp: NOW + 600 })
    expect(check(result, 'nbf')).toEqual({
      id: 'nbf',
      ok: false,
      message: 'Not valid yet: your clock may be behind the server’s by 42 s.',
      at: '2030-01-01T12:00:42.000Z',
    })
  })

  it('reports iat in the future as clock skew', async () => {
    const result = await verifyAtNow({ iat: NOW + 30, exp: NOW + 630 })
    expect(result.clockSkewSeconds).toBe(30)
    expect(check(result, 'iat')).toEqual({
      id: 'iat',
      ok: false,
      message:
        'Issued 30 s in the future by this computer’s clock: your clock may be behind the server’s by about 30 s.',
      at: '2030-01-01T12:00:30.000Z',
    })
  })

  it('reads scp as an array and says which scopes are extra', async () => {
    const token = await signHs256({ scp: ['read', 'write', 'admin'] }, secret)
    const result = await verifyToken(token, { kind: 'hmac', secret }, { scope: ['read'] }, at)
    expect(check(result, 'scope')).toEqual({
      id: 'scope',
      ok: true,
      message:
        'Every requested scope was granted. Requested: read. Granted: read write admin. Extra, granted but not requested: write admin.',
    })
  })

  it('finds the expected audience in an aud array, and fails when aud is missing', async () => {
    const listed = await verifyToken(
      await signHs256({ aud: ['https://a.example', 'https://b.example'] }, secret),
      { kind: 'hmac', secret },
      { audience: 'https://b.example' },
      at,
    )
    expect(check(listed, 'aud')).toMatchObject({
      ok: true,
      message: 'Meant for "https://a.example", "https://b.example", including "https://b.example".',
    })
    const none = await verifyAtNow({})
    expect(none.checks.find((c) => c.id === 'aud')).toBeUndefined()
    const missing = await verifyToken(
      await signHs256({}, secret),
      { kind: 'hmac', secret },
      { audience: 'x' },
      at,
    )
    expect(check(missing, 'aud').ok).toBe(false)
  })
})
