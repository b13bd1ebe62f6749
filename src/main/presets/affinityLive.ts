import type { Preset } from '../../shared/preset'

/** AffinityLive: installed-application flow (vendor-docs/004). */
export const affinityLive: Preset = {
  id: 'affinitylive',
  name: 'AffinityLive',
  description: 'Installed-app flow: approve in the browser, paste the PIN; comma-separated scopes.',
  integration: {
    format: 'tokendesk.integration/1',
    name: 'AffinityLive',
    preset: 'affinitylive',
    grant: 'authorization_code',
    authorizeUrl: 'https://{deployment}.affinitylive.com/oauth2/v0/authorize',
    tokenUrl: 'https://{deployment}.affinitylive.com/oauth2/v0/token',
    clientId: '',
    clientSecret: '',
    // The doc recommends HTTP Basic; query parameters are its last resort.
    clientAuth: 'basic',
    scope: ['companies', 'contacts', 'issues'],
    scopeSeparator: ',',
    // Installed apps show the code as a PIN for the user to paste back.
    redirectUri: 'urn:ietf:wg:oauth:2.0:oob',
    pkce: false,
    api: {
      baseUrl: 'https://{deployment}.affinitylive.com/public_api/v0',
      tokenPlacement: 'header',
      queryParam: '_bearer_token',
    },
  },
  requiredTokenHeaders: [],
  scopeSeparator: ',',
  documented: [
    'Authorize: client_id, response_type=code, scope (comma-delimited), redirect_uri',
    'The user approves and copies a PIN (the authorization code) back into the application',
    'Token: grant_type=authorization_code with code and the same redirect_uri (else invalid_grant)',
    'Client authentication: HTTP Basic (client_id:client_secret) preferred; query parameters as a last option',
    'grant_type=refresh_token with refresh_token renews the token',
    'API calls: Authorization: Bearer header (preferred) or _bearer_token query parameter',
  ],
  docsUrl: 'https://api-docs.affinitylive.com/oauth2',
}
