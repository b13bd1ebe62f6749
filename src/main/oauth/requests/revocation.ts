import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { clientFormPost } from './clientFormPost'
import { requireEndpoint } from './requireEndpoint'

/** Which token a revocation asks about (RFC 7009 §2.1 token_type_hint). */
export type RevocableToken = 'access_token' | 'refresh_token'

/** RFC 7009 §2.1: POST the token to the revocation endpoint, authenticated as the client, with a hint of its kind. */
export function revocationRequest(
  resolved: ResolvedIntegration,
  token: string,
  tokenTypeHint: RevocableToken,
): Promise<PreparedRequest> {
  const url = requireEndpoint(
    resolved.revocationUrl,
    'revocationUrl',
    'Fill in the Revocation URL (or the Issuer, to discover it): the vendor publishes it as revocation_endpoint.',
  )
  // The client authentication names the client (a public one by client_id in the body, RFC 6749 §2.3).
  return clientFormPost(resolved, url, (authParams) => [
    ['token', token],
    ['token_type_hint', tokenTypeHint],
    ...authParams,
  ])
}
