/**
 * The endpoints an OpenID provider's discovery document names (OIDC Discovery 1.0 §3, RFC 8414 §2,
 * RFC 7009, RFC 7662, RFC 8628, RFC 9126, RP-Initiated Logout), in the order the form lists them.
 */
export const DISCOVERED_ENDPOINTS = [
  { key: 'authorization_endpoint', label: 'Authorization endpoint' },
  { key: 'token_endpoint', label: 'Token endpoint' },
  { key: 'userinfo_endpoint', label: 'Userinfo endpoint' },
  { key: 'jwks_uri', label: 'Signing keys (JWKS)' },
  { key: 'revocation_endpoint', label: 'Revocation endpoint' },
  { key: 'introspection_endpoint', label: 'Introspection endpoint' },
  { key: 'end_session_endpoint', label: 'Sign-out (end session) endpoint' },
  { key: 'device_authorization_endpoint', label: 'Device authorization endpoint' },
  { key: 'pushed_authorization_request_endpoint', label: 'Pushed authorization requests (PAR)' },
  { key: 'registration_endpoint', label: 'Client registration endpoint' },
] as const

/** What discovery found for an issuer, and where it was read. */
export interface DiscoveredProvider {
  issuer: string
  /** The document the endpoints came from: the issuer's /.well-known/openid-configuration. */
  discoveryUrl: string
  endpoints: Array<{ key: string; label: string; url: string }>
}

/** The discovery document's endpoints, known ones only, as plain strings. */
export function discoveredEndpoints(metadata: Record<string, unknown>): DiscoveredProvider['endpoints'] {
  return DISCOVERED_ENDPOINTS.flatMap(({ key, label }) => {
    const url = metadata[key]
    return typeof url === 'string' && url !== '' ? [{ key, label, url }] : []
  })
}
