import { ERR_INTEGRATION_INCOMPLETE, ERR_PUSHED_AUTHORIZATION } from '../../../shared/errorCodes'
import type { Integration } from '../../../shared/integration'
import { TokenDeskError } from '../../errors'
import type { ResolvedIntegration } from '../../integration/resolve'
import type { OAuthDeps } from '../deps'
import { sendAndProcess } from '../exchange/sendAndProcess'
import { prepareOrThrow, type Prepared } from '../prepared'
import { authorizationRequest, authorizeUrl, type AuthorizationRequest } from '../requests/authorizeUrl'
import { pushedAuthorizationRequest, pushedAuthorizeParams } from '../requests/pushedAuthorization'
import { processPushedAuthorizationResponse } from '../responses/pushedAuthorizationResponse'
import { signInAttempt, type SignInAttempt, type SignInOptions } from '../signIn/signInAttempt'

/**
 * A sign-in attempt for the integration: its authorize URL with fresh state, PKCE and nonce, and the
 * provider's metadata (RFC 9207 iss) from discovery. The redirect URI defaults to the integration's.
 * With PAR (RFC 9126) — asked for, or required by the provider — the parameters are pushed first and
 * the authorize URL carries only client_id and the request_uri.
 */
export async function startSignIn(
  deps: OAuthDeps,
  integration: Integration,
  options: Partial<SignInOptions> = {},
): Promise<{ attempt: SignInAttempt; resolved: ResolvedIntegration }> {
  const prepared = await prepareOrThrow(deps, integration)
  const { resolved, metadata } = prepared
  const request = authorizationRequest(resolved, {
    redirectUri: resolved.redirectUri,
    extraParams: integration.signIn?.authorizeParams,
    responseMode: integration.signIn?.responseMode,
    ...options,
  })
  const pushed =
    integration.signIn?.pushedAuthorization === true ||
    metadata?.require_pushed_authorization_requests === true
  const url = pushed
    ? authorizeUrl(
        request.endpoint,
        pushedAuthorizeParams(request.clientId, await push(deps, prepared, request)),
      )
    : authorizeUrl(request.endpoint, request.params)
  return { attempt: signInAttempt(request, url, metadata), resolved }
}

/** RFC 9126 §2: pushes the request; the request_uri, or the provider's refusal explained. */
async function push(deps: OAuthDeps, prepared: Prepared, request: AuthorizationRequest): Promise<string> {
  const endpoint = prepared.metadata?.pushed_authorization_request_endpoint
  if (!endpoint)
    throw new TokenDeskError(
      ERR_INTEGRATION_INCOMPLETE,
      prepared.metadata
        ? 'This provider publishes no pushed authorization request endpoint: turn off “Push the authorize request (PAR)”.'
        : 'Pushing the authorize request (PAR) needs the provider’s pushed_authorization_request_endpoint: fill in the Issuer so TokenDesk can discover it, or turn PAR off.',
      { field: prepared.metadata ? 'signIn.pushedAuthorization' : 'issuer' },
    )
  const sent = await sendAndProcess(deps, prepared, {
    purpose: 'pushed-authorization',
    request: await pushedAuthorizationRequest(prepared.resolved, endpoint, request),
    process: processPushedAuthorizationResponse,
    diagnosis: { purpose: 'token' },
  })
  if (!sent.ok)
    throw new TokenDeskError(ERR_PUSHED_AUTHORIZATION, sent.diagnosis.summary, {
      details: { diagnosis: sent.diagnosis, exchange: sent.exchange },
    })
  return sent.value.requestUri
}
