import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { clientFormPost } from './clientFormPost'
import { requireEndpoint } from './requireEndpoint'

/** RFC 7662 §2.1: POST the token to the introspection endpoint, authenticated as the client. */
export function introspectionRequest(
  resolved: ResolvedIntegration,
  token: string,
  tokenTypeHint: 'access_token' | 'refresh_token' = 'access_token',
): Promise<PreparedRequest> {
  const url = requireEndpoint(
    resolved.introspectionUrl,
    'introspectionUrl',
    'Fill in the introspection URL (or the issuer, to discover it).',
  )
  return clientFormPost(resolved, url, (authParams) => [
    ['token', token],
    ['token_type_hint', tokenTypeHint],
    ...authParams,
  ])
}
