import { createDpopProof } from './proof'
import type { DpopKey } from './proofKey'

export interface DpopRequest {
  key: DpopKey
  method: string
  url: string
  /** On a call to a resource: the DPoP-bound access token. Absent on a token request. */
  accessToken?: string
  nonce?: string
}

/**
 * The headers a request carries under DPoP: a fresh proof, and on a resource call the token under
 * the DPoP scheme instead of Bearer (RFC 9449 §7.1). Make them anew for every request, retries included.
 */
export async function dpopRequestHeaders(request: DpopRequest): Promise<Array<[string, string]>> {
  const proof = await createDpopProof({
    key: request.key,
    htm: request.method,
    htu: request.url,
    accessToken: request.accessToken,
    nonce: request.nonce,
  })
  return request.accessToken === undefined
    ? [['DPoP', proof]]
    : [
        ['Authorization', `DPoP ${request.accessToken}`],
        ['DPoP', proof],
      ]
}
