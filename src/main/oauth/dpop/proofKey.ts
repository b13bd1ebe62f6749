import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { ERR_DPOP_KEY } from '../../../shared/errorCodes'
import { fieldLabel } from '../../../shared/fieldLabels'
import { DPOP_ALGORITHMS, type DpopAlgorithm } from '../../../shared/integration'
import { TokenDeskError } from '../../errors'

/** A DPoP proof key (RFC 9449 §4.1): the private half signs proofs, the public JWK travels in each one. */
export interface DpopKey {
  algorithm: DpopAlgorithm
  privateKey: KeyObject
  /** Only the public members (RFC 9449 §4.2: the header must not carry a private key). */
  publicJwk: JWK
}

const KEY_FIELD = 'dpop.privateKey'
/** A JWK is a few kilobytes at most (RSA 4096 ≈ 3 KB); longer text is not one. */
const MAX_KEY_TEXT = 16_384

/** Makes a new proof key: ES256 (P-256) unless the integration chose RS256 (2048 bits) or EdDSA (Ed25519). */
export async function generateDpopKey(algorithm: DpopAlgorithm = 'ES256'): Promise<DpopKey> {
  assertAlgorithm(algorithm)
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true, modulusLength: 2048 })
  // jose 6 hands out WebCrypto keys; a KeyObject signs the same and exports to JWK without await.
  return fromPrivateKey(KeyObject.from(privateKey), algorithm)
}

/** The key as a private JWK in JSON, with its `alg`: what the vault keeps at "dpop.privateKey". */
export async function exportDpopKey(key: DpopKey): Promise<string> {
  const jwk = await exportJWK(key.privateKey)
  return JSON.stringify({ ...jwk, alg: key.algorithm })
}

/**
 * Reads a kept proof key back. `algorithm` is what the integration asks for now: a key of another
 * kind is refused (the fix is a new key), never silently used with the wrong algorithm.
 */
export async function importDpopKey(text: string, algorithm?: DpopAlgorithm): Promise<DpopKey> {
  const jwk = parsePrivateJwk(text)
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' })
  } catch {
    throw keyProblem(`The ${fieldLabel(KEY_FIELD)} is not a usable private key. ${NEW_KEY}`)
  }
  const kind = algorithmOf(privateKey)
  if (!kind) {
    throw keyProblem(
      `The ${fieldLabel(KEY_FIELD)} is not a P-256, RSA or Ed25519 key, so it cannot sign DPoP proofs. ${NEW_KEY}`,
    )
  }
  const wanted = algorithm ?? (jwk.alg as DpopAlgorithm | undefined) ?? kind
  if (wanted !== kind) {
    throw keyProblem(
      `The ${fieldLabel(KEY_FIELD)} is a key for ${kind}, but the ${fieldLabel('dpop.algorithm')} is ${wanted}. Choose ${kind}, or clear the ${fieldLabel(KEY_FIELD)} to make a new ${wanted} key.`,
    )
  }
  return fromPrivateKey(privateKey, kind)
}

const NEW_KEY = 'Clear it and TokenDesk makes a new one (tokens bound to the old key stop working).'

function parsePrivateJwk(text: string): JWK {
  let parsed: unknown
  try {
    if (text.length > MAX_KEY_TEXT) throw new Error('too long')
    parsed = JSON.parse(text)
  } catch {
    throw keyProblem(`The ${fieldLabel(KEY_FIELD)} is not a JWK (JSON text). ${NEW_KEY}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('d' in parsed)) {
    throw keyProblem(`The ${fieldLabel(KEY_FIELD)} is not a private JWK (it has no "d"). ${NEW_KEY}`)
  }
  return parsed as JWK
}

async function fromPrivateKey(privateKey: KeyObject, algorithm: DpopAlgorithm): Promise<DpopKey> {
  const full = await exportJWK(createPublicKey(privateKey))
  return { algorithm, privateKey, publicJwk: publicMembers(full) }
}

/** RFC 7638 §3.2's required members: nothing else (no kid, no alg) goes into the proof header. */
function publicMembers(jwk: JWK): JWK {
  switch (jwk.kty) {
    case 'EC':
      return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }
    case 'OKP':
      return { kty: jwk.kty, crv: jwk.crv, x: jwk.x }
    default:
      return { kty: jwk.kty, n: jwk.n, e: jwk.e }
  }
}

function algorithmOf(key: KeyObject): DpopAlgorithm | undefined {
  if (key.asymmetricKeyType === 'ec')
    return key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? 'ES256' : undefined
  if (key.asymmetricKeyType === 'rsa') return 'RS256'
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA'
  return undefined
}

function assertAlgorithm(algorithm: string): asserts algorithm is DpopAlgorithm {
  if ((DPOP_ALGORITHMS as readonly string[]).includes(algorithm)) return
  throw new TokenDeskError(
    ERR_DPOP_KEY,
    `The ${fieldLabel('dpop.algorithm')} "${algorithm}" is not one TokenDesk can make a key for: choose ${DPOP_ALGORITHMS.join(', ')}.`,
    { field: 'dpop.algorithm' },
  )
}

function keyProblem(message: string): TokenDeskError {
  return new TokenDeskError(ERR_DPOP_KEY, message, { field: KEY_FIELD })
}

/**
 * The integration's proof key (its resolved `dpop` block): the kept one, or a new one when none is
 * kept yet. `newKeyToKeep` is then the text to save at "dpop.privateKey", so the key (and the tokens
 * bound to it) outlive the session.
 */
export async function dpopKeyOf(dpop: {
  algorithm: DpopAlgorithm
  privateKey?: string
}): Promise<{ key: DpopKey; newKeyToKeep?: string }> {
  if (dpop.privateKey) return { key: await importDpopKey(dpop.privateKey, dpop.algorithm) }
  const key = await generateDpopKey(dpop.algorithm)
  return { key, newKeyToKeep: await exportDpopKey(key) }
}
