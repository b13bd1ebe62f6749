import type { Preset } from '../../shared/preset'

/** Altitude Angel: "OAuth 2.0 Bearer Tokens" (vendor-docs/001). */
export const altitudeAngel: Preset = {
  id: 'altitude-angel',
  name: 'Altitude Angel',
  description:
    'JWT bearer tokens that expire after 15 minutes; client credentials, user consent and refresh.',
  integration: {
    format: 'tokendesk.integration/1',
    name: 'Altitude Angel',
    preset: 'altitude-angel',
    grant: 'client_credentials',
    tokenUrl: 'https://auth.altitudeangel.com/oauth/v2/token',
    authorizeUrl: 'https://auth.altitudeangel.com/oauth/v2/authorize',
    clientId: '',
    clientSecret: '',
    // Credentials travel in the form body, URL-encoded: the doc warns that an unencoded secret is "a
    // common cause of support requests".
    clientAuth: 'body',
    scope: ['query_mapdata'],
    scopeSeparator: ' ',
    redirectUri: 'http://127.0.0.1/callback',
    pkce: false,
    api: { baseUrl: 'https://api.altitudeangel.com', tokenPlacement: 'header' },
  },
  requiredTokenHeaders: [],
  scopeSeparator: ' ',
  documented: [
    'POST https://auth.altitudeangel.com/oauth/v2/token, form-urlencoded',
    'grant_type client_credentials: client_id, client_secret, scope',
    'grant_type authorization_code: client_id, code, redirect_uri',
    'grant_type refresh_token: client_id, client_secret, refresh_token',
    'Scopes space-delimited and declared for the client in the Developer Portal (else HTTP 401)',
    'Client secret URL-encoded',
    'Tokens expire after 15 minutes; every response includes a refresh token',
    'Authorize: response_type=code, client_id, redirect_uri (as registered), scope, state',
  ],
  docsUrl: 'https://docs.altitudeangel.com/docs/oauth-20-bearer-tokens',
}
