import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import type { AuthorizationRequest } from './authorizeUrl'
import { clientFormPost } from './clientFormPost'

/**
 * RFC 9126 §2.1: the authorization request's parameters POSTed to the pushed authorization request
 * endpoint, authenticated as the client like a token request. client_id goes once: the client
 * authentication may already carry it (RFC 9126 §2.1 asks for it, RFC 6749 §2.3 forbids it twice).
 */
export function pushedAuthorizationRequest(
  resolved: ResolvedIntegration,
  endpoint: string,
  request: AuthorizationRequest,
): Promise<PreparedRequest> {
  return clientFormPost(resolved, endpoint, (authParams) => {
    const named = authParams.some(([name]) => name === 'client_id')
    return [...request.params.filter(([name]) => !(named && name === 'client_id')), ...authParams]
  })
}

/** RFC 9126 §4: what the browser opens once the request was pushed: only client_id and the request_uri. */
export function pushedAuthorizeParams(clientId: string, requestUri: string): Array<[string, string]> {
  return [
    ['client_id', clientId],
    ['request_uri', requestUri],
  ]
}
