import type { KeyObject } from 'node:crypto'
import { KeyProblem } from './keyProblem'

/** Which key type each alg prefix needs, and the words for it. */
const KEY_TYPE_FOR_ALG: Array<[RegExp, string[], string]> = [
  [/^RS/, ['rsa'], 'an RSA key'],
  [/^PS/, ['rsa', 'rsa-pss'], 'an RSA key'],
  [/^ES256$/, ['ec:prime256v1'], 'an EC P-256 key'],
  [/^ES384$/, ['ec:secp384r1'], 'an EC P-384 key'],
  [/^ES512$/, ['ec:secp521r1'], 'an EC P-521 key'],
  [/^(EdDSA|Ed25519)$/, ['ed25519', 'ed448'], 'an Ed25519 key'],
  [/^ML-DSA-(\d+)$/, ['ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'], 'an ML-DSA key'],
]

/** Checked before jose imports the key, so the message names both the key's type and the one needed. */
export function assertKeyFitsAlg(keyObject: KeyObject, alg: string, description: string): void {
  const rule = KEY_TYPE_FOR_ALG.find(([pattern]) => pattern.test(alg))
  if (!rule) return
  const type = keyObject.asymmetricKeyType ?? ''
  const curve = keyObject.asymmetricKeyDetails?.namedCurve
  const actual = type === 'ec' ? `ec:${curve}` : type
  if (!rule[1].includes(actual)) {
    throw new KeyProblem(
      `This is ${description}, but the token says ${alg}, which needs ${rule[2]}. Check that the key belongs to the server that issued the token.`,
    )
  }
}

/** "RSA 2048", "EC P-256", "Ed25519": the key type in the words a JWT user knows. */
export function describeKeyType(keyObject: KeyObject): string {
  const type = keyObject.asymmetricKeyType
  const details = keyObject.asymmetricKeyDetails
  if (type === 'rsa' || type === 'rsa-pss') return `RSA ${details?.modulusLength ?? ''}`.trim()
  if (type === 'ec') return `EC ${curveName(details?.namedCurve)}`
  return type === 'ed25519' ? 'Ed25519' : (type ?? 'unknown').toUpperCase()
}

/** Node names curves as OpenSSL does; JOSE (RFC 7518 §6.2.1.1) as NIST does. */
function curveName(namedCurve: string | undefined): string {
  const names: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }
  return names[namedCurve ?? ''] ?? namedCurve ?? ''
}
