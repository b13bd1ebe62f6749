import type { Diagnosis } from '../shared/diagnosis'
import type { Exchange } from '../shared/exchange'
import { describeExpiry } from '../shared/time'
import type { TokenOutcomeSuccess } from '../shared/token'
import type { Integration } from '../shared/integration'
import { SANDBOX_BADGE } from '../shared/sandbox'
import type { Paint } from './io'

/** Human-readable renderings shared by the commands. JSON output does not go through here. */
export function renderDiagnosis(diagnosis: Diagnosis, p: Paint): string {
  const lines = [p.red(p.bold(diagnosis.summary))]
  if (diagnosis.status !== undefined)
    lines.push(`  HTTP ${diagnosis.status}${diagnosis.error ? `  error: ${diagnosis.error}` : ''}`)
  if (diagnosis.errorDescription) lines.push(`  ${diagnosis.errorDescription}`)
  for (const [field, value] of Object.entries(diagnosis.vendor)) lines.push(`  ${field}: ${value}`)
  if (diagnosis.hints.length) {
    lines.push('', p.bold('What to try:'))
    for (const hint of diagnosis.hints) lines.push(`  • ${hint.message}`)
  }
  return lines.join('\n')
}

export function renderExchange(exchange: Exchange, p: Paint): string {
  const { request, response } = exchange
  const lines = [p.dim('── request ──'), `${request.method} ${request.url}`]
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`)
  if (request.body) lines.push('', request.body)
  lines.push(p.dim(`── response (${exchange.durationMs} ms) ──`))
  if (response) {
    lines.push(`HTTP ${response.status} ${response.statusText}`)
    for (const [name, value] of response.headers) lines.push(`${name}: ${value}`)
    lines.push('', response.body + (response.truncated ? p.dim('\n… (truncated)') : ''))
  } else if (exchange.networkError) {
    lines.push(p.red(`${exchange.networkError.kind}: ${exchange.networkError.message}`))
  }
  return lines.join('\n')
}

export function renderTokenSuccess(outcome: TokenOutcomeSuccess, p: Paint, nowMs: number): string {
  const { token } = outcome
  const lines = [p.green(p.bold(`Got a token${outcome.source === 'cache' ? ' (cached)' : ''}.`))]
  lines.push(`  token_type: ${token.token_type ?? '(none)'}`)
  if (token.expires_at)
    lines.push(
      `  expires:    ${token.expires_at} (${describeExpiry(Date.parse(token.expires_at) / 1000, nowMs)})`,
    )
  if (token.scope) lines.push(`  scope:      ${String(token.scope)}`)
  if (token.refresh_token) lines.push(`  refresh_token: ${String(token.refresh_token)}`)
  if (outcome.jwt) {
    lines.push('', p.bold('JWT header'), indent(JSON.stringify(outcome.jwt.header, null, 2)))
    lines.push(p.bold('JWT payload'), indent(JSON.stringify(outcome.jwt.payload, null, 2)))
  }
  lines.push('', p.bold('access_token'), token.access_token)
  return lines.join('\n')
}

/** The "Sandbox" badge, in a terminal: said first, on stderr, so --json output stays as it is. */
export function renderSandboxNotice(integration: Integration, p: Paint): string {
  return `${p.bold(`[${SANDBOX_BADGE}]`)} ${integration.name ?? 'This integration'} talks to TokenDesk’s practice sandbox on 127.0.0.1, not to the vendor.\n`
}

export function renderWarnings(warnings: string[], p: Paint): string {
  return warnings.map((warning) => p.yellow(`warning: ${warning}`)).join('\n')
}

const indent = (text: string) => text.replace(/^/gm, '  ')
