import type { Preset } from '../../shared/preset'

/** Avionté BOLD Front Office: "Step 2: Obtain your access token" (vendor-docs/000). */
export const avionte: Preset = {
  id: 'avionte-bold',
  name: 'Avionté BOLD',
  description: 'Client credentials with the x-api-key header Avionté’s API gateway requires.',
  integration: {
    format: 'tokendesk.integration/1',
    name: 'Avionté BOLD',
    preset: 'avionte-bold',
    grant: 'client_credentials',
    tokenUrl: 'https://api.avionte.com/authorize/token',
    clientId: '',
    clientSecret: '',
    // The doc's example sends client_id and client_secret in the form body, not in a Basic header.
    clientAuth: 'body',
    scope: ['avionte.aero.compasintegrationservice'],
    scopeSeparator: ' ',
    tokenRequest: { headers: { 'x-api-key': '' } },
    api: { baseUrl: 'https://api.avionte.com', tokenPlacement: 'header', headers: { 'x-api-key': '' } },
  },
  requiredTokenHeaders: ['x-api-key'],
  scopeSeparator: ' ',
  documented: [
    'POST https://api.avionte.com/authorize/token',
    'Content-Type: application/x-www-form-urlencoded',
    'x-api-key header (provided by Avionté)',
    'Form body: grant_type=client_credentials, client_id, client_secret, scope',
    'Scope for BOLD Front Office: avionte.aero.compasintegrationservice',
    'Tokens last 3600 s (1 hour)',
  ],
  docsUrl: 'https://developer.avionte.com/docs/step-2-obtain-your-access-token',
  requiredFields: [
    {
      path: 'tokenRequest.headers.x-api-key',
      label: 'API key',
      help: 'Sent as x-api-key, given to you by Avionté.',
      secret: true,
    },
  ],
}
