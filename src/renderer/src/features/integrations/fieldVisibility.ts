import type { Integration } from '@shared/integration'

/** Which fields the chosen grant and client-authentication style need; the form shows only those. */
export function visibleFields(integration: Integration) {
  const grant = integration.grant
  const clientAuth = integration.clientAuth ?? 'basic'
  const usesBasicOverride = integration.basicAuth !== undefined
  const consent = grant === 'authorization_code'
  return {
    authorizeUrl: consent,
    deviceAuthorizationUrl: grant === 'device_code',
    clientId: !(usesBasicOverride && clientAuth === 'none'),
    clientSecret: ['basic', 'body', 'query', 'client_secret_jwt'].includes(clientAuth),
    clientAssertionKey: clientAuth === 'private_key_jwt',
    userCredentials: grant === 'password',
    redirectUri: consent,
    pkce: consent,
    code: consent,
    refreshToken: grant === 'refresh_token',
    tokenExchange: grant === 'token_exchange',
    jwtBearer: grant === 'jwt_bearer',
    customGrantName: ![
      'client_credentials',
      'authorization_code',
      'password',
      'refresh_token',
      'device_code',
      'token_exchange',
      'jwt_bearer',
    ].includes(grant),
  }
}

export const GRANT_OPTIONS = [
  { value: 'client_credentials', label: 'Client credentials (app to API)' },
  { value: 'authorization_code', label: 'Authorization code (user approves in a browser)' },
  { value: 'password', label: 'Password (user name and password)' },
  { value: 'refresh_token', label: 'Refresh token' },
  { value: 'device_code', label: 'Device code (approve on another device)' },
  { value: 'token_exchange', label: 'Token exchange (RFC 8693)' },
  { value: 'jwt_bearer', label: 'JWT bearer (RFC 7523)' },
  { value: 'custom', label: 'Custom grant (vendor-specific)' },
] as const

export const CLIENT_AUTH_OPTIONS = [
  { value: 'basic', label: 'Basic header (recommended by RFC 6749)' },
  { value: 'body', label: 'In the form body' },
  { value: 'query', label: 'As URL query parameters (last resort)' },
  { value: 'none', label: 'None (public app, client ID only)' },
  { value: 'client_secret_jwt', label: 'Signed JWT with the client secret' },
  { value: 'private_key_jwt', label: 'Signed JWT with a private key' },
] as const
