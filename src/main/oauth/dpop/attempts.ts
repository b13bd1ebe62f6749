import type { PreparedRequest } from '../../http/mask'
import type { HttpResponse } from '../../http/transport'
import type { ResolvedIntegration } from '../../integration/resolve'
import type { OAuthDeps } from '../deps'
import { readDpopNonceChallenge } from './nonceChallenge'
import { dpopRequestHeaders } from './proofHeaders'
import type { DpopKey } from './proofKey'

/**
 * The integration's proof key when DPoP is on (RFC 9449): the kept one, else the one made for
 * `owner` (the token cache key, else the token URL) this session. Undefined when DPoP is off.
 */
export function dpopKeyFor(
  deps: OAuthDeps,
  resolved: ResolvedIntegration,
  owner: string | undefined,
): Promise<DpopKey> | undefined {
  if (!resolved.dpop) return undefined
  return deps.dpopKeys.keyFor(owner ?? resolved.tokenUrl ?? '', resolved.dpop)
}

/**
 * An exchange step's `headersForAttempt`: a fresh proof for exactly this request, with the last
 * nonce its server gave; on a resource call also the token under the DPoP scheme (§7.1).
 */
export function proofHeadersWith(deps: OAuthDeps, key: DpopKey, accessToken?: string) {
  return (request: PreparedRequest) =>
    dpopRequestHeaders({
      key,
      method: request.method,
      url: request.url,
      accessToken,
      nonce: deps.dpopNonces.nonceFor(request.url),
    })
}

/**
 * Reads an answer for DPoP: keeps the nonce it carried (§8.2), and says whether it was the
 * server asking for one (§8.1 token endpoint 400, §9 resource 401): worth one retry.
 */
export function askedForDpopNonce(deps: OAuthDeps, url: string, response?: HttpResponse): boolean {
  if (!response) return false
  deps.dpopNonces.noteAnswer(url, response)
  return readDpopNonceChallenge(response) !== undefined
}
