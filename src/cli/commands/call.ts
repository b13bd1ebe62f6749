import type { TokenEngine } from '../../main/oauth'
import { EXIT_NETWORK, EXIT_OK, EXIT_REFUSED, paint, type CliIo } from '../io'
import { loadIntegrationFile } from '../loadIntegration'
import { renderDiagnosis, renderExchange, renderWarnings } from '../render'
import { useKeptTokens } from '../tokenStore/keptTokens'

export interface CallArgs {
  integration: string
  url: string
  method: string
  data?: string
  headers: string[]
  /** A file to keep tokens in when there is no OS keychain (or by choice). */
  tokenStore?: string
  json: boolean
  verbose: boolean
}

/**
 * `tokendesk call`: an API request with the integration's token (kept ones first, like `token`); a
 * 401 renews the token and retries once.
 */
export async function callCommand(args: CallArgs, engine: TokenEngine, io: CliIo): Promise<number> {
  const integration = await loadIntegrationFile(args.integration)
  const notices: string[] = []
  const kept = useKeptTokens(
    { integrationFile: args.integration, tokenStore: args.tokenStore, signingIn: false },
    integration,
    engine.cache,
    io.env,
    (message) => notices.push(message),
  )
  const outcome = await engine.callApi(
    integration,
    { method: args.method, url: args.url, body: args.data, headers: args.headers.map(parseHeader) },
    { cacheKey: kept.cacheKey },
  )
  notices.push(...kept.keep())
  const p = paint(io.color)
  if (notices.length) io.stderr(renderWarnings(notices, p) + '\n')
  if (args.json) {
    io.stdout(JSON.stringify(outcome, null, 2) + '\n')
  } else if (outcome.tokenFailure) {
    io.stdout(p.bold('Could not get a token:\n') + renderDiagnosis(outcome.tokenFailure.diagnosis, p) + '\n')
  } else {
    if (outcome.renewedAfter401)
      io.stderr(p.yellow('The API answered 401; TokenDesk renewed the token and retried once.') + '\n')
    if (args.verbose) for (const exchange of outcome.exchanges) io.stderr(renderExchange(exchange, p) + '\n')
    const status = `HTTP ${outcome.status ?? '—'} ${outcome.statusText ?? ''}`.trim()
    io.stderr((outcome.ok ? p.green(status) : p.red(status)) + '\n')
    if (outcome.body !== undefined) io.stdout(outcome.body + (outcome.body.endsWith('\n') ? '' : '\n'))
    if (outcome.diagnosis) io.stderr(renderDiagnosis(outcome.diagnosis, p) + '\n')
  }
  if (outcome.ok) return EXIT_OK
  const diagnosis = outcome.tokenFailure?.diagnosis ?? outcome.diagnosis
  return diagnosis?.kind === 'network' ? EXIT_NETWORK : EXIT_REFUSED
}

function parseHeader(header: string): [string, string] {
  const colon = header.indexOf(':')
  return colon < 0 ? [header.trim(), ''] : [header.slice(0, colon).trim(), header.slice(colon + 1).trim()]
}
