import type { Integration } from '../../../shared/integration'
import type { ResolvedIntegration } from '../../integration/resolve'
import type { OAuthDeps } from '../deps'
import { prepareOrThrow } from '../prepared'
import {
  startSignIn as signInAttemptFor,
  type SignInAttempt,
  type SignInOptions,
} from '../signIn/signInAttempt'

/**
 * A sign-in attempt for the integration: its authorize URL with fresh state, PKCE and nonce, and the
 * provider's metadata (RFC 9207 iss) from discovery. The redirect URI defaults to the integration's.
 */
export async function startSignIn(
  deps: OAuthDeps,
  integration: Integration,
  options: Partial<SignInOptions> = {},
): Promise<{ attempt: SignInAttempt; resolved: ResolvedIntegration }> {
  const { resolved, metadata } = await prepareOrThrow(deps, integration)
  const attempt = signInAttemptFor(resolved, {
    redirectUri: resolved.redirectUri,
    extraParams: integration.signIn?.authorizeParams,
    responseMode: integration.signIn?.responseMode,
    ...options,
    metadata,
  })
  return { attempt, resolved }
}
