import { needsClientId, scopeParam, type Grant } from './grant'

/** RFC 6749 §4.4: the application acts on its own behalf. */
export const clientCredentialsGrant: Grant = {
  grantType: 'client_credentials',
  missing: (resolved) => needsClientId(resolved),
  params: (resolved) => [['grant_type', 'client_credentials'], ...scopeParam(resolved)],
}
