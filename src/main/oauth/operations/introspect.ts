import type { Integration } from '../../../shared/integration'
import type { TokenInfoOutcome } from '../../../shared/token'
import type { OAuthDeps } from '../deps'
import { introspectionRequest } from '../requests/introspection'
import type { TokenOptions } from './getToken'
import { askAboutCurrentToken } from './tokenClaims'

/** RFC 7662: what the vendor says about the integration's current access token (active, scope, exp…). */
export function introspect(
  deps: OAuthDeps,
  integration: Integration,
  options: TokenOptions = {},
): Promise<TokenInfoOutcome> {
  return askAboutCurrentToken(
    deps,
    integration,
    'introspection',
    ({ resolved }, accessToken) => introspectionRequest(resolved, accessToken),
    options,
  )
}
