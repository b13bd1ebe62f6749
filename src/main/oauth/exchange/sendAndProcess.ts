import type { Diagnosis } from '../../../shared/diagnosis'
import type { Exchange } from '../../../shared/exchange'
import type { DiagnosisContext } from '../../diagnose/context'
import {
  diagnoseExchange,
  diagnoseInvalidTokenResponse,
  diagnoseNetworkFailure,
} from '../../diagnose/diagnose'
import { MAX_TOKEN_RESPONSE_BYTES, performExchange, type ExchangeOptions } from '../../http/exchange'
import type { Masker, PreparedRequest } from '../../http/mask'
import type { HttpResponse } from '../../http/transport'
import type { OAuthDeps } from '../deps'
import type { Prepared } from '../prepared'
import type { Processed } from '../responses/problems'
import { diagnosisContext } from './diagnosisContext'

/** One request to send, and how to read its answer. */
export interface ExchangeStep<T> {
  purpose: Exchange['purpose']
  request: PreparedRequest
  /** Reads a non-refused answer into a value, or the coded problem that makes it unusable. */
  process(response: HttpResponse): Processed<T>
  /** Which statuses are refusals, diagnosed from the answer; by default 400 and above. */
  refused?: (status: number) => boolean
  /** Masks the recorded exchange; by default the integration's secrets (add the token an API call carries). */
  masker?: Masker
  /** For the diagnosis: whether this was a token-endpoint call or one with a token, and what else it knew. */
  diagnosis: Partial<DiagnosisContext> & Pick<DiagnosisContext, 'purpose'>
  /** The endpoint a network failure names (the Token URL rather than the URL with client credentials in its query). */
  endpoint?: string
  limits?: Pick<ExchangeOptions, 'maxResponseBytes' | 'onTooLarge'>
  signal?: AbortSignal
  /** Whose exchange this is, for the history. */
  cacheKey?: string
  /** Whether this exchange belongs in the history; by default every one does. */
  worthRecording?: (diagnosis?: Diagnosis) => boolean
  /**
   * Headers computed for this attempt just before it is sent (a DPoP proof is bound to one request):
   * added after the request's own.
   */
  headersForAttempt?: (request: PreparedRequest) => Promise<Array<[string, string]>>
}

export type ExchangeOutcome<T> =
  | { ok: true; value: T; exchange: Exchange; response: HttpResponse }
  | { ok: false; diagnosis: Diagnosis; exchange: Exchange; response?: HttpResponse }

/**
 * The one way an operation talks to a server: send with the integration's timeout, TLS and proxy →
 * record the masked exchange once → a network failure, a refusal, or an answer the processor reads —
 * each but the value turned into a diagnosis.
 */
export async function sendAndProcess<T>(
  deps: OAuthDeps,
  prepared: Pick<Prepared, 'resolved' | 'preset' | 'masker'>,
  step: ExchangeStep<T>,
): Promise<ExchangeOutcome<T>> {
  const { resolved, preset } = prepared
  const extra = step.headersForAttempt ? await step.headersForAttempt(step.request) : []
  const request = extra.length
    ? { ...step.request, headers: [...step.request.headers, ...extra] }
    : step.request
  const { exchange, response, failure } = await performExchange(deps.transport, request, {
    purpose: step.purpose,
    timeoutMs: resolved.timeoutMs,
    tls: resolved.tls,
    proxy: resolved.proxy,
    signal: step.signal,
    masker: step.masker ?? prepared.masker,
    now: deps.now,
    maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES,
    ...step.limits,
  })
  const { purpose, ...extraContext } = step.diagnosis
  const context = diagnosisContext(resolved, preset, purpose, request, response, deps.now(), extraContext)
  const refused = step.refused ?? ((status: number) => status >= 400)
  let outcome: ExchangeOutcome<T>
  if (failure || !response) {
    const endpoint = step.endpoint ?? request.url
    outcome = { ok: false, exchange, diagnosis: diagnoseNetworkFailure(failure!, context, endpoint) }
  } else if (refused(response.status)) {
    outcome = { ok: false, exchange, response, diagnosis: diagnoseExchange(exchange, context) }
  } else {
    const processed = step.process(response)
    outcome = processed.ok
      ? { ok: true, value: processed.value, exchange, response }
      : {
          ok: false,
          exchange,
          response,
          diagnosis: diagnoseInvalidTokenResponse(exchange, context, processed.problem.message),
        }
  }
  const diagnosis = outcome.ok ? undefined : outcome.diagnosis
  if (step.worthRecording?.(diagnosis) ?? true) deps.record({ exchange, diagnosis, cacheKey: step.cacheKey })
  return outcome
}
