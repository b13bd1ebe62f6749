import type { ApiOutcome, ApiRequest } from '../../../shared/apiCall'
import type { Exchange } from '../../../shared/exchange'
import type { Integration } from '../../../shared/integration'
import type { TokenSet } from '../../../shared/token'
import { MAX_API_RESPONSE_BYTES } from '../../http/exchange'
import { createMasker } from '../../http/mask'
import type { OAuthDeps } from '../deps'
import { askedForDpopNonce, dpopKeyFor, proofHeadersWith } from '../dpop/attempts'
import { sendAndProcess, type ExchangeOutcome } from '../exchange/sendAndProcess'
import { tokenFacts } from '../exchange/tokenFacts'
import { prepareIntegration, type Prepared } from '../prepared'
import { apiRequestWithToken } from '../requests/apiRequest'
import { getToken, type TokenOptions } from './getToken'

/**
 * Calls the integration's API with its token. RFC 6750 §3.1: a 401 means the token is no longer
 * good — the token is renewed once (refresh token, else the grant) and the call retried once.
 */
export async function callApiRenewingOn401(
  deps: OAuthDeps,
  integration: Integration,
  request: ApiRequest,
  options: TokenOptions = {},
): Promise<ApiOutcome> {
  const first = await getToken(deps, integration, options)
  if (!first.ok) return { ok: false, tokenFailure: first, renewedAfter401: false, exchanges: [] }
  const ready = await prepareIntegration(deps, integration)
  if (!ready.ok) return { ok: false, tokenFailure: ready, renewedAfter401: false, exchanges: [] }
  const exchanges: Exchange[] = []
  let attempt = await sendApiRequest(deps, ready.prepared, request, first.token, options)
  exchanges.push(...attempt.exchanges)
  let renewedAfter401 = false
  if (attempt.sent.response?.status === 401) {
    const renewed = await getToken(deps, integration, {
      ...options,
      fresh: true,
      staleAccessToken: first.token.access_token,
    })
    if (!renewed.ok)
      return {
        ok: false,
        tokenFailure: renewed,
        renewedAfter401: false,
        exchanges,
        diagnosis: renewed.diagnosis,
      }
    renewedAfter401 = true
    attempt = await sendApiRequest(deps, ready.prepared, request, renewed.token, options)
    exchanges.push(...attempt.exchanges)
  }
  return apiOutcome(attempt, renewedAfter401, exchanges)
}

interface ApiAttempt {
  sent: ExchangeOutcome<unknown>
  /** Every exchange it took: two when the API asked for a DPoP nonce first. */
  exchanges: Exchange[]
  mask(text: string): string
}

/** The last attempt as the user sees it; the body masked like the recorded exchange. */
function apiOutcome(attempt: ApiAttempt, renewedAfter401: boolean, exchanges: Exchange[]): ApiOutcome {
  const { sent } = attempt
  const { response, exchange } = sent
  return {
    ok: response !== undefined && response.status >= 200 && response.status <= 299,
    status: response?.status,
    statusText: response?.statusText,
    headers: exchange.response?.headers,
    body: response ? attempt.mask(response.body) : undefined,
    truncated: response?.truncated,
    renewedAfter401,
    exchanges,
    diagnosis: sent.ok ? undefined : sent.diagnosis,
  }
}

/**
 * One call with the token: under Bearer, or with a fresh DPoP proof when the token is DPoP-bound
 * (token_type DPoP, RFC 9449 §7.1) — asked once more with the nonce when the API wants one (§9).
 */
async function sendApiRequest(
  deps: OAuthDeps,
  prepared: Prepared,
  request: ApiRequest,
  token: TokenSet,
  options: TokenOptions,
): Promise<ApiAttempt> {
  const accessToken = token.access_token
  const { resolved } = prepared
  const masker = createMasker([...resolved.secrets, accessToken], resolved.secretNames)
  const dpopBound = token.token_type?.toLowerCase() === 'dpop'
  const dpopKey = dpopBound ? await dpopKeyFor(deps, resolved, options.cacheKey) : undefined
  const apiRequest = apiRequestWithToken(resolved, request, accessToken, { dpopBound: !!dpopKey })
  const send = () =>
    sendAndProcess(deps, prepared, {
      purpose: 'api',
      request: apiRequest,
      masker,
      // Whatever the API answered below 400 is its answer: shown as it came.
      process: () => ({ ok: true, value: undefined }),
      diagnosis: { purpose: 'api', ...tokenFacts(token, resolved.scope) },
      // API answers may be large (reports, exports): keep the first 16 MiB and say it was cut.
      limits: { maxResponseBytes: MAX_API_RESPONSE_BYTES, onTooLarge: 'truncate' },
      signal: options.signal,
      cacheKey: options.cacheKey,
      headersForAttempt: dpopKey && proofHeadersWith(deps, dpopKey, accessToken),
    })
  let sent = await send()
  const exchanges = [sent.exchange]
  if (dpopKey && askedForDpopNonce(deps, apiRequest.url, sent.response)) {
    sent = await send()
    exchanges.push(sent.exchange)
    askedForDpopNonce(deps, apiRequest.url, sent.response)
  }
  return { sent, exchanges, mask: (text) => masker.text(text) }
}
