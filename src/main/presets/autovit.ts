import type { Preset } from '../../shared/preset'

const documented = [
  'POST https://www.autovit.ro/api/open/oauth/token',
  'grant_type "password": username (email), password; client credentials as Basic (curl -u client_id:client_secret)',
  'grant_type "partner": client_id, client_secret, partner_code, partner_secret in the form body',
  'Errors: HTTP 400 with error, error_description, error_human_title, error_human_message',
]

/** Autovit: "Oauth2 – Generate authorization token" (vendor-docs/003), password grant. */
export const autovitPassword: Preset = {
  id: 'autovit-password',
  name: 'Autovit (user login)',
  description: 'Password grant with the client credentials in a Basic header.',
  integration: {
    format: 'tokendesk.integration/1',
    name: 'Autovit (user login)',
    preset: 'autovit-password',
    grant: 'password',
    tokenUrl: 'https://www.autovit.ro/api/open/oauth/token',
    clientId: '',
    clientSecret: '',
    clientAuth: 'basic',
    username: '',
    password: '',
    api: { baseUrl: 'https://www.autovit.ro/api/open', tokenPlacement: 'header' },
  },
  requiredTokenHeaders: [],
  scopeSeparator: ' ',
  documented,
  docsUrl: 'https://www.autovit.ro/api/doc/#documentation/oauth2',
}

/** Autovit's custom `partner` grant: everything in the form body. */
export const autovitPartner: Preset = {
  ...autovitPassword,
  id: 'autovit-partner',
  name: 'Autovit (partner)',
  description:
    'Custom "partner" grant: partner code and secret with the client credentials in the form body.',
  integration: {
    format: 'tokendesk.integration/1',
    name: 'Autovit (partner)',
    preset: 'autovit-partner',
    grant: 'partner',
    tokenUrl: 'https://www.autovit.ro/api/open/oauth/token',
    clientId: '',
    clientSecret: '',
    clientAuth: 'body',
    tokenRequest: { params: { partner_code: '', partner_secret: '' } },
    api: { baseUrl: 'https://www.autovit.ro/api/open', tokenPlacement: 'header' },
  },
  requiredFields: [
    {
      path: 'tokenRequest.params.partner_code',
      label: 'Partner code',
      help: 'Sent as partner_code in the form body, given to you by Autovit.',
      secret: false,
    },
    {
      path: 'tokenRequest.params.partner_secret',
      label: 'Partner secret',
      help: 'Sent as partner_secret in the form body, given to you by Autovit.',
      secret: true,
    },
  ],
}
