import { randomUUID } from 'node:crypto'
import type { Exchange, NetworkFailure } from '../../shared/exchange'
import { classifyNetworkError } from './networkErrors'
import type { Masker, PreparedRequest } from './mask'
import type { ProxySetting } from './proxy'
import type { HttpResponse, TlsOptions, Transport } from './transport'

export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024
export const MAX_API_RESPONSE_BYTES = 16 * 1024 * 1024

export interface ExchangeOptions {
  purpose: Exchange['purpose']
  timeoutMs: number
  maxResponseBytes: number
  onTooLarge?: 'fail' | 'truncate'
  tls?: TlsOptions
  proxy?: ProxySetting
  signal?: AbortSignal
  masker: Masker
  now: () => number
}

export interface ExchangeResult {
  /** Masked: safe to show, keep in history and print. */
  exchange: Exchange
  /** Raw: for the engine only; never leaves main. */
  response?: HttpResponse
  failure?: NetworkFailure
}

/** Sends a request and records the exchange, masked, whatever happens. */
export async function performExchange(
  transport: Transport,
  request: PreparedRequest,
  options: ExchangeOptions,
): Promise<ExchangeResult> {
  const started = options.now()
  const base = {
    id: randomUUID(),
    purpose: options.purpose,
    startedAt: new Date(started).toISOString(),
    request: options.masker.request(request),
  }
  try {
    const response = await transport({
      ...request,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      onTooLarge: options.onTooLarge,
      tls: options.tls,
      proxy: options.proxy,
      signal: options.signal,
    })
    return {
      exchange: { ...base, durationMs: options.now() - started, response: options.masker.response(response) },
      response,
    }
  } catch (error) {
    const failure = classifyNetworkError(error)
    const masked = { ...failure, message: options.masker.text(failure.message) }
    return {
      exchange: { ...base, durationMs: options.now() - started, networkError: masked },
      failure: masked,
    }
  }
}
