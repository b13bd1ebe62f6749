import {
  createLocalJWKSet,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose'
import { isHmacAlg } from '../lib/algorithms'
import { messageOf } from '../lib/messageOf'
import type { Candidate } from './candidate'
import { KeyProblem } from './keyProblem'
import { keySetCandidates, type KeySetLookup } from './keySetCandidates'

const PASTE_JWK =
  'Paste one key as JSON, e.g. {"kty":"RSA","n":"…","e":"AQAB"}, or a key set {"keys":[…]}. For a -----BEGIN… key, choose “Public key (PEM)”.'
/** RFC 7518 §6: the members that make a JWK private; without them it is the public key. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv']

/** A pasted JWK, or a pasted key set (RFC 7517 §5) searched as a JWKS endpoint's would be. */
export async function jwkCandidates(text: string, header: JWSHeaderParameters): Promise<Candidate[]> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new KeyProblem(`The JWK is not valid JSON. ${PASTE_JWK}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KeyProblem(`The JWK must be a JSON object. ${PASTE_JWK}`)
  }
  if (Array.isArray((parsed as JSONWebKeySet).keys)) {
    const keySet = parsed as JSONWebKeySet
    let lookup: KeySetLookup
    try {
      // Only public halves, as for a single pasted JWK: jose refuses sets holding private keys.
      lookup = createLocalJWKSet({ keys: keySet.keys.map(withoutPrivateMembers) })
    } catch (error) {
      throw new KeyProblem(`The key set is not valid: ${messageOf(error)} ${PASTE_JWK}`)
    }
    try {
      return await keySetCandidates(lookup, () => keySet, header, 'the pasted key set')
    } catch (error) {
      // jose imports set members lazily, so a broken member only fails here.
      if (error instanceof KeyProblem) throw error
      throw new KeyProblem(
        `The key set could not be used for ${header.alg}: ${messageOf(error)} ${PASTE_JWK}`,
      )
    }
  }
  return [await singleJwkCandidate(parsed as JWK, header.alg!)]
}

async function singleJwkCandidate(jwk: JWK, alg: string): Promise<Candidate> {
  if (typeof jwk.kty !== 'string')
    throw new KeyProblem(`This JSON is not a JWK: it has no "kty". ${PASTE_JWK}`)
  const hmac = isHmacAlg(alg)
  if (hmac !== (jwk.kty === 'oct')) {
    throw new KeyProblem(
      hmac
        ? `The token is signed with ${alg}, which needs a shared secret (a JWK with "kty":"oct"); this JWK is "${jwk.kty}".`
        : `The token is signed with ${alg}, a public-key algorithm; this JWK is a shared secret ("kty":"oct").`,
    )
  }
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    throw new KeyProblem(`The JWK is for alg ${jwk.alg}, but the token says ${alg}.`)
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    throw new KeyProblem(`The JWK is marked "use":"${jwk.use}", not "sig": it is not meant for signatures.`)
  }
  const isPrivate = !hmac && PRIVATE_JWK_MEMBERS.some((member) => member in jwk)
  const publicJwk = isPrivate ? withoutPrivateMembers(jwk) : jwk
  let key: CryptoKey | Uint8Array
  try {
    key = await importJWK({ ...publicJwk, ext: true }, alg)
  } catch (error) {
    throw new KeyProblem(`The JWK could not be used for ${alg}: ${messageOf(error)} ${PASTE_JWK}`)
  }
  const label = `the JWK${jwk.kid ? ` with kid ${jwk.kid}` : ''}${isPrivate ? ' (its public part: you pasted a private key)' : ''}`
  return {
    key,
    label,
    mismatch: `The signature does not match ${label}: the token was signed with another key, or changed after signing.`,
  }
}

function withoutPrivateMembers(jwk: JWK): JWK {
  return Object.fromEntries(Object.entries(jwk).filter(([member]) => !PRIVATE_JWK_MEMBERS.includes(member)))
}
