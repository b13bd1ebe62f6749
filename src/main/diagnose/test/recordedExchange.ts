import type { Diagnosis } from '../../../shared/diagnosis'
import type { Exchange } from '../../../shared/exchange'
import { createMasker } from '../../http/mask'
import type { DiagnosisContext } from '../context'
import { diagnoseExchange } from '../diagnose'

export interface RecordedCall {
  url: string
  method?: string
  purpose?: Exchange['purpose']
  requestHeaders?: Array<[string, string]>
  requestBody?: string | null
  status: number
  headers?: Array<[string, string]>
  body: string | object
  /** Secrets the masker knows, as the engine would pass them. */
  secrets?: string[]
}

/** An exchange as the engine records it: request and response through the masker. */
export function recordedExchange(call: RecordedCall): Exchange {
  const masker = createMasker(call.secrets ?? [])
  const isJson = typeof call.body !== 'string'
  return {
    id: 'exchange-1',
    purpose: call.purpose ?? 'token',
    startedAt: new Date().toISOString(),
    durationMs: 50,
    request: masker.request({
      method: call.method ?? 'POST',
      url: call.url,
      headers: call.requestHeaders ?? [['Content-Type', 'application/x-www-form-urlencoded']],
      body: call.requestBody ?? null,
    }),
    response: masker.response({
      status: call.status,
      statusText: '',
      headers: call.headers ?? (isJson ? [['Content-Type', 'application/json']] : []),
      body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
      truncated: false,
    }),
  }
}

export function diagnosisContext(overrides: Partial<DiagnosisContext> = {}): DiagnosisContext {
  return {
    purpose: 'token',
    grant: 'client_credentials',
    clientAuth: 'basic',
    basicAuthOverride: false,
    secretSpecialChars: [],
    secretLooksPasted: false,
    requestedScopes: [],
    scopeSeparator: ' ',
    sentHeaderNames: ['content-type', 'authorization'],
    ...overrides,
  }
}

/** The diagnosis, with its hint of `code` (failing, listing the codes found, when there is none). */
export function diagnoseFor(
  call: RecordedCall,
  context: Partial<DiagnosisContext> = {},
): { diagnosis: Diagnosis; hint(code: string): { message: string; field?: string } } {
  const diagnosis = diagnoseExchange(recordedExchange(call), diagnosisContext(context))
  return {
    diagnosis,
    hint(code) {
      const found = diagnosis.hints.find((each) => each.code === code)
      if (!found)
        throw new Error(
          `No "${code}" hint; got ${diagnosis.hints.map((each) => each.code).join(', ') || 'none'}`,
        )
      return found
    },
  }
}
