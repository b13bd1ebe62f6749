import type { PreparedRequest } from '../../http/mask'
import type { ResolvedIntegration } from '../../integration/resolve'
import { requireEndpoint } from './requireEndpoint'

/** OpenID Connect Core §5.3.1: who the token's user is, asked with the token itself. */
export function userinfoRequest(resolved: ResolvedIntegration, accessToken: string): PreparedRequest {
  const url = requireEndpoint(
    resolved.userinfoUrl,
    'userinfoUrl',
    'Fill in the userinfo URL (or the issuer, to discover it).',
  )
  return {
    method: 'GET',
    url,
    headers: [
      ['Accept', 'application/json'],
      ['Authorization', `Bearer ${accessToken}`],
    ],
    body: null,
  }
}
