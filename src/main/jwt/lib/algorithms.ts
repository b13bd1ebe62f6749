/** RFC 7518 §3.2: an HMAC key must be at least as long as the hash output. */
export const HMAC_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 }

/** The public-key JWS algorithms TokenDesk can check; any other non-HMAC alg is refused by name. */
export const PUBLIC_KEY_ALGS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
  'ML-DSA-44',
  'ML-DSA-65',
  'ML-DSA-87',
])

export function isHmacAlg(alg: string): boolean {
  return Object.hasOwn(HMAC_MIN_BYTES, alg)
}
