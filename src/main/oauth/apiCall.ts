import type { ApiOutcome, ApiRequest } from '../../shared/apiCall'
import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { TokenSet } from '../../shared/token'
import { diagnoseExchange, diagnoseNetworkFailure } from '../diagnose/diagnose'
import { MAX_API_RESPONSE_BYTES } from '../http/exchange'
import { createMasker, type PreparedRequest } from '../http/mask'
import type { ResolvedIntegration } from '../integration/resolve'
import { diagnosisContext } from './diagnosisContext'
import { tokenFacts } from './tokenFacts'
import type { TokenOptions } from './engine'
import type { EngineCore, Prepared } from './engineCore'
import { withQuery } from './tokenRequest'
import { withoutTrailingSlashes } from '../jwt/lib/trailingSlash'

/** Calls the integration's API with its token, renewing the token once if the API refuses it. */
export async function callApi(
  core: EngineCore,
  integration: Integration,
  request: ApiRequest,
  options: TokenOptions = {},
): Promise<ApiOutcome> {
  const first = await core.getToken(integration, options)
  if (!first.ok) return { ok: false, tokenFailure: first, renewedAfter401: false, exchanges: [] }
  const prepared = await core.prepare(integration)
  const exchanges: Exchange[] = []
  let attempt = await sendApiRequest(core, prepared, request, first.token, options)
  exchanges.push(attempt.exchange)
  let renewedAfter401 = false
  if (attempt.response?.status === 401) {
    // RFC 6750 §3.1: a 401 means the token is no longer good. Renew once, retry once.
    const renewed = await core.getToken(integration, {
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
    attempt = await sendApiRequest(core, prepared, request, renewed.token, options)
    exchanges.push(attempt.exchange)
  }
  return apiOutcome(attempt, renewedAfter401, exchanges)
}

/** The last attempt as the user sees it; the body masked like the recorded exchange. */
function apiOutcome(attempt: ApiAttempt, renewedAfter401: boolean, exchanges: Exchange[]): ApiOutcome {
  const { response, exchange, diagnosis } = attempt
  return {
    ok: response !== undefined && response.status >= 200 && response.status <= 299,
    status: response?.status,
    statusText: response?.statusText,
    headers: exchange.response?.headers,
    body: response ? attempt.masker.text(response.body) : undefined,
    truncated: response?.truncated,
    renewedAfter401,
    exchanges,
    diagnosis,
  }
}

type ApiAttempt = Awaited<ReturnType<typeof sendApiRequest>>

async function sendApiRequest(
  core: EngineCore,
  prepared: Prepared,
  request: ApiRequest,
  token: TokenSet,
  options: TokenOptions,
) {
  const accessToken = token.access_token
  const { resolved, preset } = prepared
  const masker = createMasker([...resolved.secrets, accessToken], resolved.secretNames)
  const apiRequest: PreparedRequest = apiRequestWithToken(resolved, request, accessToken)
  // API answers may be large (reports, exports): keep the first 16 MiB and say it was cut.
  const result = await core.send(apiRequest, 'api', resolved, masker, options.signal, {
    maxResponseBytes: MAX_API_RESPONSE_BYTES,
    onTooLarge: 'truncate',
  })
  const context = diagnosisContext(resolved, preset, 'api', apiRequest, result.response, core.now(), {
    ...tokenFacts(token, resolved.scope),
  })
  let diagnosis: Diagnosis | undefined
  if (result.failure) diagnosis = diagnoseNetworkFailure(result.failure, context, apiRequest.url)
  else if (result.response && result.response.status >= 400)
    diagnosis = diagnoseExchange(result.exchange, context)
  core.onExchange({ exchange: result.exchange, diagnosis, cacheKey: options.cacheKey })
  return { ...result, diagnosis, masker }
}

/** The API request with the token placed as the integration says: Bearer header, or a query parameter. */
export function apiRequestWithToken(
  resolved: ResolvedIntegration,
  request: ApiRequest,
  accessToken: string,
): PreparedRequest {
  const url = absoluteUrl(request.url, resolved.api.baseUrl)
  const headers: Array<[string, string]> = [...resolved.api.headers, ...(request.headers ?? [])]
  if (!headers.some(([name]) => name.toLowerCase() === 'accept'))
    headers.unshift(['Accept', 'application/json'])
  if (resolved.api.tokenPlacement === 'header') headers.push(['Authorization', `Bearer ${accessToken}`])
  return {
    method: request.method.toUpperCase(),
    url:
      resolved.api.tokenPlacement === 'query'
        ? withQuery(url, [[resolved.api.queryParam, accessToken]])
        : url,
    headers,
    body: request.body ?? null,
  }
}

function absoluteUrl(url: string, baseUrl: string | undefined): string {
  if (/^https?:\/\//i.test(url)) return url
  if (!baseUrl) return url
  return `${withoutTrailingSlashes(baseUrl)}/${url.replace(/^\/+/, '')}`
}
