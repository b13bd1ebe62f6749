import type { JWSHeaderParameters } from 'jose'
import type { VerificationKey } from '../../../shared/jwt'
import { displayUrl } from '../../http/displayUrl'
import type { Transport } from '../../http/transport'
import type { Candidate } from './candidate'
import { discoverJwksUri } from './discoverJwksUri'
import { hmacSecretCandidates } from './hmacSecret'
import { jwkCandidates } from './importJwk'
import { publicKeyCandidate } from './importPublicKey'
import { remoteKeySetCandidates } from './remoteKeySet'

/** The keys to try for this token, loaded from wherever the user said its key comes from. */
export async function resolveCandidates(
  key: VerificationKey,
  header: JWSHeaderParameters,
  timeoutMs: number,
  transport: Transport,
): Promise<Candidate[]> {
  const alg = header.alg!
  switch (key.kind) {
    case 'jwks':
      return remoteKeySetCandidates(
        key.url,
        header,
        timeoutMs,
        `the JWKS at ${displayUrl(key.url)}`,
        transport,
      )
    case 'issuer': {
      const jwksUri = await discoverJwksUri(key.issuer, timeoutMs, transport)
      const source = `the JWKS at ${displayUrl(jwksUri)}`
      return remoteKeySetCandidates(jwksUri, header, timeoutMs, source, transport)
    }
    case 'pem':
      return [await publicKeyCandidate(key.text, alg)]
    case 'jwk':
      return jwkCandidates(key.text, header)
    case 'hmac':
      return hmacSecretCandidates(key.secret)
  }
}
