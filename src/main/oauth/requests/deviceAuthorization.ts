import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { clientFormPost } from './clientFormPost'
import { scopeParam } from './grants/grant'
import { requireEndpoint } from './requireEndpoint'

/** RFC 8628 §3.1: the device authorization request, with the client's authentication and scope. */
export async function deviceAuthorizationRequest(resolved: ResolvedIntegration): Promise<PreparedRequest> {
  const url = requireEndpoint(
    resolved.deviceAuthorizationUrl,
    'deviceAuthorizationUrl',
    'Fill in the device authorization URL (or the issuer, to discover it).',
  )
  return clientFormPost(resolved, url, (authParams) => {
    // RFC 8628 §3.1 asks for client_id; the client authentication may already have put it in.
    const clientId: Array<[string, string]> =
      authParams.some(([name]) => name === 'client_id') || !resolved.clientId
        ? []
        : [['client_id', resolved.clientId]]
    return [...clientId, ...scopeParam(resolved), ...authParams, ...resolved.tokenParams]
  })
}
