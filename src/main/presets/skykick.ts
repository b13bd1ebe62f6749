import type { Preset } from '../../shared/preset'

const skykickIntegration = (product: 'Partner' | 'Distributor') => ({
  format: 'tokendesk.integration/1' as const,
  name: `SkyKick (${product})`,
  preset: `skykick-${product.toLowerCase()}`,
  grant: 'client_credentials',
  tokenUrl: 'https://apis.skykick.com/auth/token',
  // Not client id/secret: Basic carries the API user ID and the subscription key.
  clientAuth: 'none' as const,
  basicAuth: { username: '', password: '' },
  scope: [product],
  scopeSeparator: ' ' as const,
  tokenRequest: { headers: { 'Ocp-Apim-Subscription-Key': '{{basicAuth.password}}' } },
  api: {
    baseUrl: 'https://apis.skykick.com',
    tokenPlacement: 'header' as const,
    headers: { 'Ocp-Apim-Subscription-Key': '{{basicAuth.password}}' },
  },
})

const documented = [
  'POST https://apis.skykick.com/auth/token, Content-Type: application/x-www-form-urlencoded',
  'Authorization: Basic base64(API user ID:subscription key)',
  'Ocp-Apim-Subscription-Key header = the subscription key, on the token call and every API call',
  'Body: grant_type=client_credentials&scope=Partner or Distributor',
  'The token endpoint is rate-limited: cache and reuse tokens',
]

/** SkyKick: "Generating an Authentication Request" (vendor-docs/002), one preset per product scope. */
export const skykickPartner: Preset = {
  id: 'skykick-partner',
  name: 'SkyKick (Partner)',
  description:
    'Basic auth of API user ID and subscription key, plus the subscription-key header; Partner scope.',
  integration: skykickIntegration('Partner'),
  requiredTokenHeaders: ['ocp-apim-subscription-key', 'authorization'],
  scopeSeparator: ' ',
  documented,
  docsUrl: 'https://developers.skykick.com/Guides/Authentication',
  requiredFields: [
    {
      path: 'basicAuth.username',
      label: 'API user ID',
      help: 'From the SkyKick portal (Settings → API). Sent as the Basic user name.',
      secret: false,
    },
    {
      path: 'basicAuth.password',
      label: 'Subscription key',
      help: 'From the SkyKick portal. Sent as the Basic password and as the Ocp-Apim-Subscription-Key header.',
      secret: true,
    },
  ],
}

export const skykickDistributor: Preset = {
  ...skykickPartner,
  id: 'skykick-distributor',
  name: 'SkyKick (Distributor)',
  description:
    'Basic auth of API user ID and subscription key, plus the subscription-key header; Distributor scope.',
  integration: skykickIntegration('Distributor'),
}
