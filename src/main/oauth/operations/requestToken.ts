import type { TokenOutcome } from '../../../shared/token'
import type { ResolvedIntegration } from '../../integration/resolve'
import type { OAuthDeps } from '../deps'
import { sendAndProcess } from '../exchange/sendAndProcess'
import type { Prepared } from '../prepared'
import type { Grant, GrantInput } from '../requests/grants/grant'
import { buildTokenRequest } from '../requests/tokenRequest'
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
  const request = await buildTokenRequest(resolved, grant, input)
  const recentTokenRequests = deps.rate.record(options.cacheKey ?? resolved.tokenUrl ?? '')
  // The grant actually sent: a renewal runs refresh_token under an integration of another grant.
  const sentRefreshToken = grant.grantType === 'refresh_token' ? refreshTokenSent(resolved, input) : undefined
  const sent = await sendAndProcess(deps, prepared, {
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
  })
  if (!sent.ok) return { ok: false, diagnosis: sent.diagnosis, warnings, exchange: sent.exchange }
  const { token, jwt, warnings: answerWarnings } = sent.value
  return {
    ok: true,
    token,
    jwt,
    warnings: [...warnings, ...answerWarnings],
    source: 'network',
    exchange: sent.exchange,
  }
}

/** The refresh token a refresh_token request carries: pasted for this run, else the integration's. */
export function refreshTokenSent(resolved: ResolvedIntegration, input: GrantInput): string | undefined {
  return input.refreshToken ?? resolved.refreshToken
}
