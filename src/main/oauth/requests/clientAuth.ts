import { createPrivateKey, createSecretKey, randomUUID, type KeyObject } from 'node:crypto'
import { SignJWT } from 'jose'
import {
  ERR_CLIENT_ASSERTION_KEY,
  ERR_INTEGRATION_INCOMPLETE,
  ERR_INTEGRATION_INVALID,
} from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import { formEncode } from '../../http/formEncoding'
import type { ResolvedIntegration } from '../../integration/resolve'
import { HMAC_MIN_BYTES, PUBLIC_KEY_ALGS } from '../../jwt/lib/algorithms'

/** Where the client's credentials go on the token request. */
export interface ClientAuthParts {
  headers: Array<[string, string]>
  bodyParams: Array<[string, string]>
  queryParams: Array<[string, string]>
}

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const ASSERTION_LIFETIME_SECONDS = 60

/**
 * Applies the configured client-authentication style (RFC 6749 §2.3, RFC 7523 §2.2). `basicAuth`, when
 * present, owns the Authorization header: it carries other credentials than the client's (SkyKick's
 * user ID : subscription key), sent as typed — it is not OAuth client authentication, so no encoding.
 */
export async function clientAuthentication(
  resolved: ResolvedIntegration,
  audience: string,
): Promise<ClientAuthParts> {
  const parts: ClientAuthParts = { headers: [], bodyParams: [], queryParams: [] }
  if (resolved.basicAuth) {
    const { username, password } = resolved.basicAuth
    parts.headers.push([
      'Authorization',
      `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
    ])
  }
  const { clientId, clientSecret } = resolved
  switch (resolved.clientAuth) {
    case 'basic':
      if (resolved.basicAuth) break // the header is taken; see above
      requireClientId(clientId, 'basic')
      // RFC 6749 §2.3.1: form-urlencode id and secret, then Basic. Forgetting it breaks secrets with + or &.
      parts.headers.push([
        'Authorization',
        `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret ?? '')}`, 'utf8').toString('base64')}`,
      ])
      break
    case 'body':
      requireClientId(clientId, 'body')
      parts.bodyParams.push(['client_id', clientId], ['client_secret', clientSecret ?? ''])
      break
    case 'query':
      requireClientId(clientId, 'query')
      parts.queryParams.push(['client_id', clientId], ['client_secret', clientSecret ?? ''])
      break
    case 'none':
      // RFC 6749 §4.1.3: a public client identifies itself with client_id in the body.
      if (clientId) parts.bodyParams.push(['client_id', clientId])
      break
    case 'client_secret_jwt':
    case 'private_key_jwt': {
      requireClientId(clientId, resolved.clientAuth)
      const assertion = await signClientAssertion(resolved, clientId, audience)
      parts.bodyParams.push(
        ['client_id', clientId],
        ['client_assertion_type', JWT_BEARER_ASSERTION],
        ['client_assertion', assertion],
      )
      break
    }
  }
  return parts
}

function requireClientId(clientId: string | undefined, style: string): asserts clientId is string {
  if (!clientId) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      `Client authentication "${style}" needs a client ID. Fill in "clientId".`,
      { field: 'clientId' },
    )
  }
}

/** RFC 7523 §3: iss = sub = client_id, aud = the token endpoint, short-lived, unique jti. */
async function signClientAssertion(
  resolved: ResolvedIntegration,
  clientId: string,
  audience: string,
): Promise<string> {
  const secret = resolved.clientAuth === 'client_secret_jwt'
  const { key, alg } = secret ? hmacKey(resolved) : privateKey(resolved)
  assertAssertionAlg(alg, secret ? HMAC_ALGS : SIGNATURE_ALGS, resolved.clientAuth)
  // Read the clock once: iat and exp from two readings can straddle a second and make 61 s.
  const issuedAt = Math.floor(Date.now() / 1000)
  try {
    return await new SignJWT({})
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
      .sign(key)
  } catch {
    // jose refuses a key that does not fit the algorithm (an RSA key for ES256, a short one for PS512).
    throw new TokenDeskError(
      ERR_CLIENT_ASSERTION_KEY,
      `The ${secret ? 'client secret' : 'private key'} cannot sign with ${alg}. Choose the algorithm that fits the key (clientAssertionAlg), or another key.`,
      { field: secret ? 'clientAssertionAlg' : 'clientAssertionKey' },
    )
  }
}

const HMAC_ALGS = Object.keys(HMAC_MIN_BYTES)
// What jose can sign with here: the checkable public-key algorithms but the post-quantum ones.
const SIGNATURE_ALGS = [...PUBLIC_KEY_ALGS].filter((alg) => !alg.startsWith('ML-DSA'))

/** RFC 7523 §3 (and RFC 7515 §4.1.1): an assertion is signed; "none" or an unknown name is a typo or a trap. */
function assertAssertionAlg(alg: string, allowed: string[], style: string): void {
  if (allowed.includes(alg)) return
  throw new TokenDeskError(
    ERR_INTEGRATION_INVALID,
    `The assertion algorithm "${alg}" cannot be used with ${style}: it signs with ${allowed.join(', ')}. Choose one of those (clientAssertionAlg).`,
    { field: 'clientAssertionAlg' },
  )
}

function hmacKey(resolved: ResolvedIntegration): { key: KeyObject; alg: string } {
  if (!resolved.clientSecret) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'client_secret_jwt signs with the client secret. Fill in "clientSecret".',
      { field: 'clientSecret' },
    )
  }
  return {
    key: createSecretKey(Buffer.from(resolved.clientSecret, 'utf8')),
    alg: resolved.clientAssertionAlg ?? 'HS256',
  }
}

function privateKey(resolved: ResolvedIntegration): { key: KeyObject; alg: string } {
  const text = resolved.clientAssertionKey?.trim()
  if (!text) {
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'private_key_jwt needs your private key (PEM or JWK). Fill in "clientAssertionKey".',
      {
        field: 'clientAssertionKey',
      },
    )
  }
  let key: KeyObject
  let jwkAlg: string | undefined
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as { alg?: string }
      jwkAlg = jwk.alg
      key = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' })
    } else {
      key = createPrivateKey(text)
    }
  } catch {
    throw new TokenDeskError(
      ERR_CLIENT_ASSERTION_KEY,
      'The private key could not be read. Paste a PEM private key ("-----BEGIN PRIVATE KEY-----…") or a private JWK (with "d").',
      { field: 'clientAssertionKey' },
    )
  }
  return { key, alg: resolved.clientAssertionAlg ?? jwkAlg ?? defaultAlgorithm(key) }
}

function defaultAlgorithm(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'ec':
      return (
        { 'P-384': 'ES384', 'P-521': 'ES512' }[String(key.asymmetricKeyDetails?.namedCurve ?? '')] ?? 'ES256'
      )
    case 'ed25519':
      return 'EdDSA'
    case 'rsa-pss':
      return 'PS256'
    default:
      return 'RS256'
  }
}
