import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto'
import { ERR_ASSERTION_KEY } from '../../../shared/errorCodes'
import { fieldLabel } from '../../../shared/fieldLabels'
import { TokenDeskError } from '../../errors'
import { PUBLIC_KEY_ALGS } from '../../jwt/lib/algorithms'

/** A private key the user gave, read, with the algorithm it signs with. */
export interface SigningKey {
  key: KeyObject
  alg: string
}

/** What jose signs with here: the public-key algorithms but the post-quantum ones. */
export const ASSERTION_ALGORITHMS = [...PUBLIC_KEY_ALGS].filter((alg) => !alg.startsWith('ML-DSA'))

/** A PEM or JWK private key is a few kilobytes (RSA 4096 ≈ 3.3 KB); longer text is not one. */
const MAX_KEY_TEXT = 32_768
const PASTE_KEY = 'Paste a PEM private key ("-----BEGIN PRIVATE KEY-----…") or a private JWK (JSON with "d").'

/**
 * Reads a PEM (PKCS#8, PKCS#1, SEC1) or JWK private key. `alg` is the one chosen, else the JWK's own,
 * else the usual one for the key (ES256 on P-256, RS256 on RSA, EdDSA on Ed25519). `field` names
 * the form field the key came from, in every message.
 */
export function readSigningKey(text: string | undefined, field: string, alg?: string): SigningKey {
  const label = fieldLabel(field)
  const trimmed = text?.trim() ?? ''
  if (!trimmed) throw keyProblem(`Fill in the ${label}. ${PASTE_KEY}`, field)
  if (trimmed.length > MAX_KEY_TEXT)
    throw keyProblem(`The ${label} is too long to be a key. ${PASTE_KEY}`, field)
  const { key, jwkAlg } = trimmed.startsWith('{')
    ? fromJwk(trimmed, label, field)
    : fromPem(trimmed, label, field)
  const chosen = alg ?? jwkAlg ?? usualAlgorithm(key)
  if (!ASSERTION_ALGORITHMS.includes(chosen)) {
    throw keyProblem(
      `"${chosen.slice(0, 20)}" is not an algorithm an assertion can be signed with: choose one of ${ASSERTION_ALGORITHMS.join(', ')}.`,
      field,
    )
  }
  return { key, alg: chosen }
}

function fromJwk(text: string, label: string, field: string): { key: KeyObject; jwkAlg?: string } {
  let jwk: unknown
  try {
    jwk = JSON.parse(text)
  } catch {
    throw keyProblem(`The ${label} looks like JSON but is not valid JSON. ${PASTE_KEY}`, field)
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk) || !Object.hasOwn(jwk, 'd')) {
    throw keyProblem(
      `The ${label} is a public key or not a JWK: signing needs the private key (a JWK with "d"). ${PASTE_KEY}`,
      field,
    )
  }
  try {
    const alg = (jwk as { alg?: unknown }).alg
    return {
      key: createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }),
      jwkAlg: typeof alg === 'string' ? alg : undefined,
    }
  } catch {
    throw keyProblem(`The ${label} could not be read as a private JWK. ${PASTE_KEY}`, field)
  }
}

function fromPem(text: string, label: string, field: string): { key: KeyObject; jwkAlg?: string } {
  if (/^-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(text) || text.startsWith('-----BEGIN CERTIFICATE-----')) {
    throw keyProblem(
      `The ${label} holds a public key or a certificate: signing needs the private key. ${PASTE_KEY}`,
      field,
    )
  }
  try {
    return { key: createPrivateKey(text) }
  } catch {
    // An encrypted PEM needs a passphrase Node asks for; say so instead of "bad decrypt".
    const encrypted = text.includes('ENCRYPTED')
    throw keyProblem(
      encrypted
        ? `The ${label} is encrypted with a passphrase: export it without one (openssl pkcs8 -topk8 -nocrypt). ${PASTE_KEY}`
        : `The ${label} could not be read. ${PASTE_KEY}`,
      field,
    )
  }
}

function usualAlgorithm(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = String(key.asymmetricKeyDetails?.namedCurve ?? '')
      return ({ secp384r1: 'ES384', secp521r1: 'ES512' } as Record<string, string>)[curve] ?? 'ES256'
    }
    case 'ed25519':
      return 'EdDSA'
    case 'rsa-pss':
      return 'PS256'
    default:
      return 'RS256'
  }
}

function keyProblem(message: string, field: string): TokenDeskError {
  return new TokenDeskError(ERR_ASSERTION_KEY, message, { field })
}
