import type { Diagnosis } from './diagnosis'
import type { Exchange } from './exchange'

/**
 * A plain-text report a support agent pastes into a ticket: summary, hints, then the exchange. Built
 * from the masked exchange only, so it holds no secret.
 */
export function supportReport(
  diagnosis: Diagnosis,
  exchange: Exchange | undefined,
  context: { integration?: string; app?: string } = {},
): string {
  const lines = [
    'TokenDesk report',
    `Integration: ${context.integration ?? '—'}`,
    '',
    `Summary: ${diagnosis.summary}`,
  ]
  if (diagnosis.status !== undefined) lines.push(`HTTP status: ${diagnosis.status}`)
  if (diagnosis.error)
    lines.push(
      `OAuth error: ${diagnosis.error}${diagnosis.errorDescription ? ` — ${diagnosis.errorDescription}` : ''}`,
    )
  for (const [field, value] of Object.entries(diagnosis.vendor)) lines.push(`${field}: ${value}`)
  if (diagnosis.hints.length) {
    lines.push('', 'Likely causes and fixes:')
    diagnosis.hints.forEach((hint, index) => lines.push(`${index + 1}. ${hint.message}`))
  }
  if (exchange) {
    const { request, response } = exchange
    lines.push(
      '',
      `Request (${exchange.startedAt}, ${exchange.durationMs} ms):`,
      `${request.method} ${request.url}`,
    )
    for (const [name, value] of request.headers) lines.push(`${name}: ${value}`)
    if (request.body) lines.push('', request.body)
    if (response) {
      lines.push('', `Response: HTTP ${response.status} ${response.statusText}`)
      for (const [name, value] of response.headers) lines.push(`${name}: ${value}`)
      lines.push('', response.body)
    } else if (exchange.networkError) {
      lines.push('', `No response: ${exchange.networkError.kind} — ${exchange.networkError.message}`)
    }
  }
  lines.push('', 'Secrets are masked (••••••) in this report.')
  return lines.join('\n')
}
