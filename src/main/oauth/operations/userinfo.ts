import type { Integration } from '../../../shared/integration'
import type { TokenInfoOutcome } from '../../../shared/token'
import type { OAuthDeps } from '../deps'
import { userinfoRequest } from '../requests/userinfo'
import type { TokenOptions } from './getToken'
import { askAboutCurrentToken } from './tokenClaims'

/** OpenID Connect Core §5.3: who the integration's current token belongs to (sub, email…). */
export function userinfo(
  deps: OAuthDeps,
  integration: Integration,
  options: TokenOptions = {},
): Promise<TokenInfoOutcome> {
  return askAboutCurrentToken(
    deps,
    integration,
    'userinfo',
    ({ resolved }, accessToken) => userinfoRequest(resolved, accessToken),
    options,
  )
}
