import type { Integration } from '../../../shared/integration'
import type { TokenOutcome } from '../../../shared/token'
import type { OAuthDeps } from '../deps'
import type { SignInSessions } from '../state/signInSessions'
import { getToken, type TokenOptions } from './getToken'

/**
 * The paste path: a PIN the vendor showed (AffinityLive's installed-app flow), a code, or the whole
 * address the browser ended on, redeemed for a token with the PKCE verifier of the sign-in this
 * integration started. A code is single-use, so the sign-in session ends once it was sent.
 */
export async function redeemPastedCode(
  deps: OAuthDeps,
  sessions: SignInSessions,
  integration: Integration,
  pasted: string,
  options: TokenOptions & { cacheKey: string },
): Promise<TokenOutcome> {
  const input = sessions.grantInput(options.cacheKey, pasted)
  const outcome = await getToken(deps, integration, { ...options, input })
  if (input.code) sessions.finish(options.cacheKey)
  return outcome
}
