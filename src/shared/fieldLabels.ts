/** The form's visible label for each integration field: messages name fields the way the user sees them. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  grant: 'Custom grant name',
  tokenUrl: 'Token URL',
  issuer: 'Issuer',
  authorizeUrl: 'Authorize URL',
  deviceAuthorizationUrl: 'Device authorization URL',
  introspectionUrl: 'Introspection URL',
  userinfoUrl: 'Userinfo URL',
  jwksUrl: 'Key set (JWKS) URL',
  clientAuth: 'Send client credentials',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  clientAssertionKey: 'Private key (PEM or JWK)',
  username: 'Username',
  password: 'Password',
  refreshToken: 'Refresh token',
  redirectUri: 'Redirect URI',
  code: 'Authorization code or PIN',
  deviceCode: 'Device code',
  scope: 'Scopes',
  'basicAuth.username': 'Basic user name',
  'basicAuth.password': 'Basic password',
  'api.baseUrl': 'API base URL',
  timeoutMs: 'Timeout (seconds)',
  'tokenExchange.subjectToken': 'Subject token',
  'tokenExchange.subjectTokenType': 'Subject token type',
  'tokenExchange.actorToken': 'Actor token',
  'tokenExchange.actorTokenType': 'Actor token type',
  'tokenExchange.audience': 'Audience',
  'tokenExchange.resource': 'Resource',
  'tokenExchange.requestedTokenType': 'Requested token type',
  'jwtBearer.assertion': 'Assertion (pasted JWT)',
  'jwtBearer.privateKey': 'Assertion signing key (PEM or JWK)',
  'jwtBearer.algorithm': 'Assertion algorithm',
  'jwtBearer.issuer': 'Assertion issuer (iss)',
  'jwtBearer.subject': 'Assertion subject (sub)',
  'jwtBearer.audience': 'Assertion audience (aud)',
  'jwtBearer.expiresInSeconds': 'Assertion lifetime (seconds)',
  'dpop.enabled': 'Use DPoP',
  'dpop.algorithm': 'DPoP key algorithm',
  'dpop.privateKey': 'DPoP proof key',
}

/** The label for `field`, the vendor's own when its preset names it (SkyKick's "API user ID"). */
export function fieldLabel(
  field: string,
  vendorLabels: ReadonlyArray<{ path: string; label: string }> = [],
): string {
  return (
    vendorLabels.find((each) => each.path === field)?.label ??
    FIELD_LABELS[field] ??
    field.replace(/^tokenRequest\.(headers|params)\./, '')
  )
}

/** "A", "A and B", "A, B and C". */
export function listOf(labels: string[]): string {
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
}
