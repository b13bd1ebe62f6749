import type { VerificationKey } from '../../../shared/jwt'
import { isHmacAlg, PUBLIC_KEY_ALGS } from '../lib/algorithms'
import { KeyProblem } from './keyProblem'

/**
 * A public key or key set cannot check an HMAC token and a secret cannot check a public-key one. Refusing
 * here, by name, also rules out algorithm confusion (a public key used as an HMAC secret).
 */
export function assertAlgFitsKeyKind(alg: string, key: VerificationKey): void {
  const hmac = isHmacAlg(alg)
  if (!hmac && !PUBLIC_KEY_ALGS.has(alg)) {
    throw new KeyProblem(`TokenDesk cannot check alg "${alg}": it is not a JWS signature algorithm it knows.`)
  }
  if (key.kind === 'hmac' && !hmac) {
    throw new KeyProblem(
      `The token is signed with ${alg}, a public-key algorithm: a shared secret cannot check it. Choose the issuer’s published keys, a JWKS URL or a public key.`,
    )
  }
  if ((key.kind === 'jwks' || key.kind === 'issuer') && hmac) {
    throw new KeyProblem(
      `The token is signed with ${alg}, which uses a shared secret, and published key sets hold only public keys. Choose “Shared secret (HMAC)”.`,
    )
  }
  if (key.kind === 'pem' && hmac) {
    throw new KeyProblem(
      `The token is signed with ${alg}, which uses a shared secret, not a public key. (A server that checks ${alg} tokens using its public key as the secret can be fooled: that is the “algorithm confusion” attack.) Choose “Shared secret (HMAC)” if the token really uses one.`,
    )
  }
}
