import type { TokenOutcome } from '../../../shared/token'
import type { ResolvedIntegration } from '../../integration/resolve'
import type { OAuthDeps } from '../deps'
import { askedForDpopNonce, dpopKeyFor, proofHeadersWith } from '../dpop/attempts'
import type { DpopKey } from '../dpop/proofKey'
import { dpopKeyThumbprint } from '../dpop/thumbprint'
import { sendAndProcess } from '../exchange/sendAndProcess'
import type { Prepared } from '../prepared'
import type { Grant, GrantInput } from '../requests/grants/grant'
import { assertTokenRequestComplete, buildTokenRequest } from '../requests/tokenRequest'
import { processTokenResponse } from '../responses/tokenResponse'

/** How one token request is sent and recorded; the cache policy is getToken's. */
export interface TokenRequestOptions {
  /** Whose request this is, for the request rate, the refresh-token ledger and the history. */
  cacheKey?: string
  signal?: AbortSignal
  /** History: a device-flow poll answered "authorization_pending" or "slow_down" is not recorded. */
  quietWhilePending?: boolean
}

/** One request to the token endpoint (RFC 6749 §3.2) through the exchange: a token, or a diagnosis. */
export async function requestToken(
  deps: OAuthDeps,
  prepared: Prepared,
  grant: Grant,
  input: GrantInput,
  options: TokenRequestOptions,
): Promise<TokenOutcome> {
  const { resolved, warnings } = prepared
  // What is missing is said before anything is signed or a proof key made.
  assertTokenRequestComplete(resolved, grant, input)
  const recentTokenRequests = deps.rate.record(options.cacheKey ?? resolved.tokenUrl ?? '')
  const dpopKey = await dpopKeyFor(deps, resolved, options.cacheKey)
  const attempt = () => sendTokenRequest(deps, prepared, grant, input, options, recentTokenRequests, dpopKey)
  let sent = await attempt()
  // RFC 9449 §8: a server that wants a nonce in the proof refuses once and names it; asked again once.
  if (dpopKey && askedForDpopNonce(deps, resolved.tokenUrl!, sent.response)) {
    sent = await attempt()
    askedForDpopNonce(deps, resolved.tokenUrl!, sent.response)
  }
  if (!sent.ok) return { ok: false, diagnosis: sent.diagnosis, warnings, exchange: sent.exchange }
  const { token, jwt, warnings: answerWarnings } = sent.value
  return {
    ok: true,
    token,
    jwt,
    warnings: [...warnings, ...answerWarnings],
    source: 'network',
    exchange: sent.exchange,
    ...(dpopKey && { dpopKeyThumbprint: await dpopKeyThumbprint(dpopKey) }),
  }
}

/** One attempt: the grant's parameters for it (a JWT bearer assertion signed now), a fresh DPoP proof. */
async function sendTokenRequest(
  deps: OAuthDeps,
  prepared: Prepared,
  registered: Grant,
  input: GrantInput,
  options: TokenRequestOptions,
  recentTokenRequests: number,
  dpopKey: DpopKey | undefined,
) {
  const { resolved } = prepared
  const grant = registered.forAttempt
    ? await registered.forAttempt(resolved, new Date(deps.now()))
    : registered
  const request = await buildTokenRequest(resolved, grant, input)
  // The grant actually sent: a renewal runs refresh_token under an integration of another grant.
  const sentRefreshToken = grant.grantType === 'refresh_token' ? refreshTokenSent(resolved, input) : undefined
  return sendAndProcess(deps, prepared, {
    purpose: 'token',
    request,
    endpoint: resolved.tokenUrl!,
    // RFC 6749 §5.1: a token comes with 200; any other status is read as the refusal it is.
    refused: (status) => status < 200 || status > 299,
    process: (response) =>
      processTokenResponse(response, resolved.scope, resolved.scopeSeparator, deps.now(), input.nonce),
    diagnosis: {
      purpose: 'token',
      grant: grant.grantType,
      recentTokenRequests,
      refreshTokenFate:
        sentRefreshToken && options.cacheKey
          ? deps.cache.fateOf(options.cacheKey, sentRefreshToken)
          : undefined,
    },
    signal: options.signal,
    cacheKey: options.cacheKey,
    // Device-flow polls answer "authorization_pending" every few seconds: history keeps the outcome, not each poll.
    worthRecording: (diagnosis) =>
      !(
        options.quietWhilePending &&
        (diagnosis?.error === 'authorization_pending' || diagnosis?.error === 'slow_down')
      ),
    headersForAttempt: dpopKey && proofHeadersWith(deps, dpopKey),
  })
}

/** The refresh token a refresh_token request carries: pasted for this run, else the integration's. */
export function refreshTokenSent(resolved: ResolvedIntegration, input: GrantInput): string | undefined {
  return input.refreshToken ?? resolved.refreshToken
}
