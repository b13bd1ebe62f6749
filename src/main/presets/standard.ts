import type { Preset } from '../../shared/preset'

/** Any RFC 6749 server: client credentials with a Basic header, the RFC's recommended style. */
export const genericOAuth: Preset = {
  id: 'generic-oauth2',
  name: 'Generic OAuth 2.0',
  description: 'Any standard OAuth 2.0 server. Start here when your vendor is not listed.',
  integration: {
    format: 'tokendesk.integration/1',
    name: 'New integration',
    grant: 'client_credentials',
    tokenUrl: '',
    clientId: '',
    clientSecret: '',
    clientAuth: 'basic',
    scope: [],
    scopeSeparator: ' ',
    api: { tokenPlacement: 'header' },
  },
  requiredTokenHeaders: [],
  scopeSeparator: ' ',
  documented: ['RFC 6749: form-urlencoded token request; client authentication by HTTP Basic (§2.3.1)'],
}

/** An OpenID provider: endpoints come from /.well-known/openid-configuration. */
export const openIdConnect: Preset = {
  id: 'openid-connect',
  name: 'OpenID Connect (discovery)',
  description: 'Type the issuer URL; endpoints and supported options are discovered.',
  integration: {
    format: 'tokendesk.integration/1',
    name: 'OpenID Connect',
    preset: 'openid-connect',
    grant: 'authorization_code',
    issuer: '',
    clientId: '',
    clientSecret: '',
    clientAuth: 'basic',
    scope: ['openid', 'profile', 'email', 'offline_access'],
    scopeSeparator: ' ',
    redirectUri: 'http://127.0.0.1/callback',
    pkce: true,
    api: { tokenPlacement: 'header' },
  },
  requiredTokenHeaders: [],
  scopeSeparator: ' ',
  documented: ['OpenID Connect Discovery 1.0; authorization code with PKCE (RFC 7636)'],
}
