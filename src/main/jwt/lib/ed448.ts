import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { importJWK, type JWSHeaderParameters } from 'jose'
import type { VerificationKey } from '../../../shared/jwt'

export const ED448_UNSUPPORTED =
  'This build of TokenDesk cannot check Ed448 signatures (its crypto library lacks them); the token was not judged.'

let probe: Promise<boolean> | undefined

/**
 * Whether this runtime can check Ed448 signatures, asked once: Electron's BoringSSL has no Ed448,
 * and jose 6 reads "EdDSA" as Ed25519 only, so the answer comes from trying an import, not a guess.
 */
export function canCheckEd448(): Promise<boolean> {
  probe ??= (async () => {
    try {
      const { publicKey } = generateKeyPairSync('ed448')
      await importJWK(publicKey.export({ format: 'jwk' }), 'Ed448')
      return true
    } catch {
      return false
    }
  })()
  return probe
}

/** RFC 9864's "Ed448", or "EdDSA" (RFC 8037) with an Ed448 key where the user said the key is. */
export function usesEd448(header: JWSHeaderParameters, key: VerificationKey, fetched: string[]): boolean {
  if (header.alg === 'Ed448') return true
  if (header.alg !== 'EdDSA') return false
  switch (key.kind) {
    case 'pem':
      return pemIsEd448(key.text)
    case 'jwk':
      return jwkTextHasEd448(key.text, header.kid)
    case 'jwks':
    case 'issuer':
      return fetched.some((body) => jwkTextHasEd448(body, header.kid))
    case 'hmac':
      return false
  }
}

/** The SPKI of every Ed448 key starts with these bytes (RFC 8410 §4, OID 1.3.101.113), in base64. */
const ED448_SPKI_PREFIX = 'MEMwBQYDK2Vx'

function pemIsEd448(text: string): boolean {
  if (text.includes(ED448_SPKI_PREFIX)) return true
  try {
    return createPublicKey(text).asymmetricKeyType === 'ed448'
  } catch {
    return false
  }
}

function jwkTextHasEd448(text: string, kid: string | undefined): boolean {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return false
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys
  const list: unknown[] = Array.isArray(keys) ? keys : [parsed]
  return list.some((jwk) => {
    const { crv, kid: keyKid } = (jwk ?? {}) as { crv?: unknown; kid?: unknown }
    return crv === 'Ed448' && (kid === undefined || keyKid === kid)
  })
}
