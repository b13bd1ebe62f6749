import type { ClaimCheck } from '../../../shared/jwt'
import type { Candidate } from '../keys/candidate'
import { HMAC_MIN_BYTES } from '../lib/algorithms'
import { ownValue } from '../../../shared/own'

/** Secrets from tutorials, framework defaults and jwt.io: the first ones anyone tries. */
const GUESSABLE_SECRETS = new Set([
  'secret',
  'secretkey',
  'secret-key',
  'secret_key',
  'mysecret',
  'my-secret',
  'supersecret',
  'jwt-secret',
  'jwtsecret',
  'jwt_secret',
  'your-256-bit-secret',
  'your-secret-key',
  'changeme',
  'change-me',
  'changeit',
  'password',
  'passw0rd',
  'admin',
  'default',
  'test',
  'key',
  'shhhhh',
  'keyboard cat',
  '123456',
  '12345678',
  'qwerty',
])

/**
 * A secret that verified the token may still be one anyone could guess or brute-force offline: then
 * anyone can forge tokens, so a good signature proves little.
 */
export function hmacStrengthCheck(alg: string, candidate: Candidate): ClaimCheck {
  const minimum = ownValue(HMAC_MIN_BYTES, alg) ?? 32
  const bytes = candidate.key instanceof Uint8Array ? candidate.key.byteLength : 0
  const text = candidate.secretText?.trim().toLowerCase()
  if (text !== undefined && GUESSABLE_SECRETS.has(text)) {
    return {
      id: 'weak-hmac',
      ok: false,
      message:
        'The secret is a well-known default that attackers try first: anyone can forge tokens this server accepts. Replace it with a random secret.',
    }
  }
  if (text?.includes('-----begin')) {
    return {
      id: 'weak-hmac',
      ok: false,
      message: `The secret is a PEM key. If the server accepted this token, it verifies ${alg} with a public key as the secret (“algorithm confusion”): anyone with the public key can forge tokens.`,
    }
  }
  if (bytes < minimum) {
    return {
      id: 'weak-hmac',
      ok: false,
      message: `The secret is ${bytes} bytes; ${alg} needs at least ${minimum} (RFC 7518 §3.2). A short secret can be guessed offline from any one token.`,
    }
  }
  return {
    id: 'weak-hmac',
    ok: true,
    message: `The secret is ${bytes} bytes, at least the ${minimum} that ${alg} needs.`,
  }
}
