import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange, NetworkFailure } from '../../shared/exchange'
import type { DiagnosisContext } from './context'
import { readEvidence, type Evidence } from './evidence'
import { invalidResponseHints, responseHints } from './hints'
import { destinationOf, networkHints } from './networkHints'
import { summarizeInvalidTokenResponse, summarizeNetworkFailure, summarizeResponse } from './summary'

/**
 * Why a call that got an answer failed: an error status (4xx, 5xx, or a redirect the transport does
 * not follow). Reads only the masked exchange and the context's facts, so no secret can end up in
 * the diagnosis; the Authorization header is never quoted.
 */
export function diagnoseExchange(exchange: Exchange, context: DiagnosisContext): Diagnosis {
  if (!exchange.response) return unanswered(exchange, context)
  const evidence = readEvidence(exchange, exchange.response)
  return {
    kind: evidence.error ? 'oauth-error' : 'http-error',
    ...evidenceFields(evidence),
    summary: summarizeResponse(evidence, context),
    hints: responseHints(evidence, context),
  }
}

/**
 * A 2xx token response TokenDesk cannot use (RFC 6749 §5.1): HTML, not JSON, no access_token.
 * `problem` is what the token-response check found. A body carrying an OAuth `error` is an error
 * answer sent with the wrong status (some vendors answer 200), so it is diagnosed as one.
 */
export function diagnoseInvalidTokenResponse(
  exchange: Exchange,
  context: DiagnosisContext,
  problem: string,
): Diagnosis {
  if (!exchange.response) return unanswered(exchange, context)
  const evidence = readEvidence(exchange, exchange.response)
  if (evidence.error) return diagnoseExchange(exchange, context)
  return {
    kind: 'invalid-response',
    ...evidenceFields(evidence),
    summary: summarizeInvalidTokenResponse(evidence, context, problem),
    hints: invalidResponseHints(evidence, context),
  }
}

/** No answer at all: the summary names the host (never the path or query) and the failure. */
export function diagnoseNetworkFailure(
  failure: NetworkFailure,
  context: DiagnosisContext,
  url: string,
): Diagnosis {
  return {
    kind: 'network',
    vendor: {},
    networkErrorKind: failure.kind,
    summary: summarizeNetworkFailure(failure, destinationOf(url), {
      url,
      field: context.purpose === 'token' ? 'Token URL' : 'API request URL',
    }),
    hints: networkHints(failure, context, url),
  }
}

function evidenceFields(
  evidence: Evidence,
): Pick<Diagnosis, 'status' | 'error' | 'errorDescription' | 'vendor'> {
  return {
    status: evidence.status,
    ...(evidence.error ? { error: evidence.error } : {}),
    ...(evidence.errorDescription ? { errorDescription: evidence.errorDescription } : {}),
    vendor: evidence.vendor,
  }
}

function unanswered(exchange: Exchange, context: DiagnosisContext): Diagnosis {
  const failure: NetworkFailure = exchange.networkError ?? {
    kind: 'other',
    message: 'No answer was recorded.',
  }
  return diagnoseNetworkFailure(failure, context, exchange.request.url)
}
