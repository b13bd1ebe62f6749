import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ERR_CLIENT_ASSERTION_KEY } from '../../../shared/errorCodes'
import type { Integration } from '../../../shared/integration'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { TokenDeskError } from '../../errors'
import { nodeTransport, type Transport } from '../../http/transport'
import { createTokenEngine } from '../engine'

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const PEM_CUT_SHORT =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----'

let oidc: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
})
afterAll(() => oidc.close())

const secretJwt = (overrides: Partial<Integration> = {}): Integration => ({
  grant: 'client_credentials',
  tokenUrl: oidc.tokenUrl,
  clientId: oidcClients.secretJwt.clientId,
  clientSecret: oidcClients.secretJwt.clientSecret,
  clientAuth: 'client_secret_jwt',
  scope: ['api:read'],
  ...overrides,
})

const privateKeyJwt = (clientAssertionKey: string, overrides: Partial<Integration> = {}): Integration => ({
  grant: 'client_credentials',
  tokenUrl: oidc.tokenUrl,
  clientId: oidcClients.privateKeyJwt.clientId,
  clientAuth: 'private_key_jwt',
  clientAssertionKey,
  scope: ['api:read'],
  ...overrides,
})

/** The form fields of the token request the engine would send, unmasked. Sends nothing. */
async function previewedForm(integration: Integration): Promise<URLSearchParams> {
  const { request } = await createTokenEngine({ env: {} }).previewTokenRequest(integration, { reveal: true })
  return new URLSearchParams(request.body ?? '')
}

describe('client_secret_jwt against oidc-provider', () => {
  it('gets a token with a JWT signed by the client secret, which itself is never sent', async () => {
    const outcome = await createTokenEngine({ env: {} }).getToken(secretJwt())
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.token_type).toBe('Bearer')
    expect(outcome.jwt?.payload.client_id).toBe(oidcClients.secretJwt.clientId)
    // The recorded request shows who authenticated; the assertion itself is a credential and stays masked.
    const form = new URLSearchParams(outcome.exchange!.request.body ?? '')
    expect(form.get('client_id')).toBe(oidcClients.secretJwt.clientId)
    expect(form.get('client_assertion')).toBe('••••••')
    expect(form.has('client_secret')).toBe(false)
    expect(JSON.stringify(outcome.exchange)).not.toContain(oidcClients.secretJwt.clientSecret)
  })

  it('signs the assertion with HS256 and the RFC 7523 claims: iss = sub = client_id, aud = token URL', async () => {
    const form = await previewedForm(secretJwt())
    const assertion = form.get('client_assertion')!
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'HS256', typ: 'JWT' })
    const claims = decodeJwt(assertion)
    expect(claims).toMatchObject({
      iss: oidcClients.secretJwt.clientId,
      sub: oidcClients.secretJwt.clientId,
      aud: oidc.tokenUrl,
    })
    expect(form.get('client_id')).toBe(oidcClients.secretJwt.clientId)
    expect(form.get('client_assertion_type')).toBe(JWT_BEARER)
  })

  it('refuses a wrong secret with a diagnosis that points at the signed JWT', async () => {
    const outcome = await createTokenEngine({ env: {} }).getToken(
      secretJwt({ clientSecret: 'not-the-secret-jwt-client-secret-0123456789' }),
    )
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis).toMatchObject({ status: 401, error: 'invalid_client' })
    expect(outcome.diagnosis.hints.map((hint) => hint.code)).toContain('client-auth-style')
  })
})

describe('private_key_jwt against oidc-provider', () => {
  it('gets a token with the private key pasted as PKCS#8 PEM', async () => {
    const outcome = await createTokenEngine({ env: {} }).getToken(
      privateKeyJwt(oidc.privateKeyJwt.privateKeyPem),
    )
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.jwt?.payload.client_id).toBe(oidcClients.privateKeyJwt.clientId)
    expect(JSON.stringify(outcome)).not.toContain(pemBodyLine(oidc.privateKeyJwt.privateKeyPem))
  })

  it('gets a token with the private key pasted as a JWK', async () => {
    const outcome = await createTokenEngine({ env: {} }).getToken(
      privateKeyJwt(JSON.stringify(oidc.privateKeyJwt.privateJwk)),
    )
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.jwt?.payload.client_id).toBe(oidcClients.privateKeyJwt.clientId)
    expect(JSON.stringify(outcome)).not.toContain(oidc.privateKeyJwt.privateJwk.d)
  })

  it('gets a fresh assertion for every request (oidc-provider refuses a replayed jti)', async () => {
    const engine = createTokenEngine({ env: {} })
    const integration = privateKeyJwt(oidc.privateKeyJwt.privateKeyPem)
    const first = await engine.getToken(integration)
    const second = await engine.getToken(integration)
    expect([first.ok, second.ok]).toEqual([true, true])
  })

  it('signs with RS256 and the RFC 7523 claims: iss = sub = client_id, aud = token URL, jti, 60 s at most', async () => {
    const form = await previewedForm(privateKeyJwt(oidc.privateKeyJwt.privateKeyPem))
    const assertion = form.get('client_assertion')!
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    const claims = decodeJwt(assertion)
    expect(claims.iss).toBe(oidcClients.privateKeyJwt.clientId)
    expect(claims.sub).toBe(oidcClients.privateKeyJwt.clientId)
    expect(claims.aud).toBe(oidc.tokenUrl)
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(claims.iat).toBeTypeOf('number')
    expect(claims.exp).toBeGreaterThan(claims.iat!)
    expect(claims.exp).toBeLessThanOrEqual(claims.iat! + 60)
    expect(form.get('client_id')).toBe(oidcClients.privateKeyJwt.clientId)
    expect(form.get('client_assertion_type')).toBe(JWT_BEARER)
    const again = decodeJwt(
      (await previewedForm(privateKeyJwt(oidc.privateKeyJwt.privateKeyPem))).get('client_assertion')!,
    )
    expect(again.jti).not.toBe(claims.jti)
  })

  describe('when the second turns over between reading iat and exp', () => {
    afterEach(() => {
      vi.unstubAllGlobals()
    })

    it('keeps the assertion’s lifetime at 60 s', async () => {
      // A clock read twice while signing can straddle a second boundary; simulate it deterministically.
      const RealDate = Date
      let reading = RealDate.now()
      class TickingDate extends RealDate {
        constructor(...args: Array<string | number | Date>) {
          super(args.length === 0 ? (reading += 1000) : args[0]!)
        }
      }
      vi.stubGlobal('Date', TickingDate)
      const form = await previewedForm(privateKeyJwt(oidc.privateKeyJwt.privateKeyPem))
      vi.unstubAllGlobals()
      const claims = decodeJwt(form.get('client_assertion')!)
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(60)
    })
  })

  it('refuses an assertion signed with another key, and the diagnosis says which method and key to check', async () => {
    const stranger = await generateKeyPair('RS256', { extractable: true })
    const outcome = await createTokenEngine({ env: {} }).getToken(
      privateKeyJwt(await exportPKCS8(stranger.privateKey)),
    )
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis).toMatchObject({ kind: 'oauth-error', status: 401, error: 'invalid_client' })
    const advice = outcome.diagnosis.hints.find((hint) => hint.code === 'client-auth-style')
    expect(advice?.message).toContain('private_key_jwt')
    expect(advice?.message).toContain('key registered')
  })

  it('refuses a JWK holding only the public key before anything is sent', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true })
    const { transport, sent } = countingTransport()
    const error = await createTokenEngine({ env: {}, transport })
      .getToken(privateKeyJwt(JSON.stringify(await exportJWK(publicKey))))
      .catch((thrown: unknown) => thrown)
    expect(sent()).toBe(0)
    expect(error).toBeInstanceOf(TokenDeskError)
    expect(error).toMatchObject({ code: ERR_CLIENT_ASSERTION_KEY, field: 'clientAssertionKey' })
  })

  it.each([
    ['text that is no key', 'paste your key here'],
    ['a PEM cut short', PEM_CUT_SHORT],
    ['JSON that is no JWK', '{"kty": "RSA"'],
  ])(
    'names an unreadable key (%s) as ERR_CLIENT_ASSERTION_KEY on clientAssertionKey before anything is sent',
    async (_case, key) => {
      const { transport, sent } = countingTransport()
      const error = await createTokenEngine({ env: {}, transport })
        .getToken(privateKeyJwt(key))
        .catch((thrown: unknown) => thrown)
      expect(sent()).toBe(0)
      expect(error).toBeInstanceOf(TokenDeskError)
      expect(error).toMatchObject({ code: ERR_CLIENT_ASSERTION_KEY, field: 'clientAssertionKey' })
      expect((error as TokenDeskError).message).toContain('PEM private key')
      expect((error as TokenDeskError).message).not.toContain(key)
    },
  )
})

/** A real transport that counts what it sends. */
function countingTransport(): { transport: Transport; sent: () => number } {
  let count = 0
  return {
    transport: (request) => {
      count += 1
      return nodeTransport(request)
    },
    sent: () => count,
  }
}

/** A line from the middle of a PEM: distinctive key material, whatever the masking did to the whole. */
function pemBodyLine(pem: string): string {
  return pem.trim().split('\n')[3]!
}

describe('client assertion algorithms', () => {
  it('refuses alg "none" for client_secret_jwt before anything is sent, naming the field', async () => {
    const engine = createTokenEngine({ env: {} })
    const refused = await engine.getToken(secretJwt({ clientAssertionAlg: 'none' })).then(
      () => undefined,
      (error: unknown) => error as { code: string; field?: string; message: string },
    )
    expect(refused).toMatchObject({
      code: 'ERR_INTEGRATION_INVALID',
      field: 'clientAssertionAlg',
      message:
        'The assertion algorithm "none" cannot be used with client_secret_jwt: it signs with HS256, HS384, HS512. Choose one of those (clientAssertionAlg).',
    })
  })

  it('refuses an HMAC algorithm for private_key_jwt', async () => {
    const refused = await createTokenEngine({ env: {} })
      .previewTokenRequest(privateKeyJwt(oidc.privateKeyJwt.privateKeyPem, { clientAssertionAlg: 'HS256' }))
      .then(
        () => undefined,
        (error: unknown) => error as { field?: string },
      )
    expect(refused).toMatchObject({ field: 'clientAssertionAlg' })
  })
})
