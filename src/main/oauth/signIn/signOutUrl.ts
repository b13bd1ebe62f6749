import { ERR_INTEGRATION_INCOMPLETE } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2: the provider's end_session_endpoint with the ID token
 * as a hint (so the provider knows whose session to end) and the client ID.
 */
export function signOutUrl(
  endSessionEndpoint: string | undefined,
  hints: { idToken?: string; clientId?: string },
): string {
  if (!endSessionEndpoint)
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      'This provider publishes no sign-out address (end_session_endpoint), so TokenDesk can only forget the tokens here. Sign out on the provider’s own site.',
    )
  const url = new URL(endSessionEndpoint)
  if (hints.idToken) url.searchParams.set('id_token_hint', hints.idToken)
  if (hints.clientId) url.searchParams.set('client_id', hints.clientId)
  return url.toString()
}
