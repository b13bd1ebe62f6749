import { errors, type CryptoKey, type JSONWebKeySet, type JWK, type JWSHeaderParameters } from 'jose'
import type { Candidate } from './candidate'
import { KeyProblem } from './keyProblem'

/** jose's key selection, from a remote or a local key set. */
export type KeySetLookup = (header: JWSHeaderParameters) => Promise<CryptoKey>

/**
 * The key in a set that fits the token's kid and alg, or, with no kid, every key that fits. `keySet`
 * gives the keys themselves, to say why none fits.
 */
export async function keySetCandidates(
  lookup: KeySetLookup,
  keySet: () => JSONWebKeySet | undefined,
  header: JWSHeaderParameters,
  source: string,
): Promise<Candidate[]> {
  const kid = header.kid
  const label = kid !== undefined ? `kid ${kid} from ${source}` : `the key from ${source}`
  const mismatch =
    kid !== undefined
      ? `${capitalise(source)} has a key with kid "${kid}", but the signature does not match it: the token was changed after signing, or signed by another key that reuses this kid.`
      : `The signature does not match the key in ${source} that fits ${header.alg}.`
  try {
    return [{ key: await lookup(header), label, mismatch }]
  } catch (error) {
    if (error instanceof errors.JWKSMultipleMatchingKeys) return keysWithoutKid(error, header, source)
    if (error instanceof errors.JWKSNoMatchingKey)
      throw new KeyProblem(noMatchingKey(keySet(), header, source))
    throw error
  }
}

/** jose leaves the choice to the caller when several keys fit a token without kid: try each. */
async function keysWithoutKid(
  error: errors.JWKSMultipleMatchingKeys,
  header: JWSHeaderParameters,
  source: string,
): Promise<Candidate[]> {
  const keys: CryptoKey[] = []
  for await (const key of error) keys.push(key)
  const mismatch = `The token has no kid, and the signature matches none of the ${keys.length} keys in ${source} that fit ${header.alg}.`
  return keys.map((key, index) => ({
    key,
    label: `key ${index + 1} of the ${keys.length} in ${source} that fit ${header.alg} (the token has no kid)`,
    mismatch,
  }))
}

function noMatchingKey(
  keySet: JSONWebKeySet | undefined,
  header: JWSHeaderParameters,
  source: string,
): string {
  const keys = keySet?.keys ?? []
  if (keys.length === 0) return `${capitalise(source)} holds no keys.`
  const kids = keys.map((jwk) => jwk.kid).filter((kid): kid is string => typeof kid === 'string')
  const found = kids.length > 0 ? `Kids found: ${kids.join(', ')}.` : `Its ${keys.length} keys have no kid.`
  if (header.kid === undefined) {
    return `The token has no kid, and no key in ${source} fits alg ${header.alg}. ${found}`
  }
  const sameKid = keys.find((jwk) => jwk.kid === header.kid)
  if (sameKid) {
    return `${capitalise(source)} has a key with kid "${header.kid}", but it cannot check ${header.alg}: ${whyUnusable(sameKid, header.alg!)}.`
  }
  return `No key in ${source} has kid "${header.kid}". ${found} The token may come from another issuer or environment, or the keys were rotated.`
}

/** RFC 7517 §4.2–4.4: "use", "key_ops" and "alg" each restrict what a key may do. */
function whyUnusable(jwk: JWK, alg: string): string {
  if (jwk.use !== undefined && jwk.use !== 'sig') return `it is marked "use":"${jwk.use}", not "sig"`
  if (jwk.alg !== undefined && jwk.alg !== alg) return `it is for alg ${jwk.alg}`
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify'))
    return 'its key_ops do not include "verify"'
  return `it is a "${jwk.kty}"${jwk.crv ? ` (${jwk.crv})` : ''} key, which does not fit ${alg}`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
