import type { RevokedToken } from '../../shared/token'
import type { TokenEngine } from '../../main/oauth'
import { EXIT_NETWORK, EXIT_OK, EXIT_REFUSED, paint, type CliIo } from '../io'
import { loadIntegrationFile } from '../loadIntegration'
import { renderDiagnosis, renderExchange, renderWarnings } from '../render'
import { useKeptTokens } from '../tokenStore/keptTokens'

export const REVOCABLE = ['access', 'refresh', 'both'] as const

export interface RevokeArgs {
  integration: string
  which: (typeof REVOCABLE)[number]
  tokenStore?: string
  json: boolean
}

const NAMES: Record<RevokedToken, string> = { access: 'access token', refresh: 'refresh token' }

/**
 * `tokendesk revoke`: asks the vendor to revoke the kept access and/or refresh token (RFC 7009), and
 * forgets each one it revoked from the keychain or --token-store FILE, so no later run sends it.
 */
export async function revokeCommand(args: RevokeArgs, engine: TokenEngine, io: CliIo): Promise<number> {
  const integration = await loadIntegrationFile(args.integration)
  const p = paint(io.color)
  const notices: string[] = []
  const kept = useKeptTokens(
    { integrationFile: args.integration, tokenStore: args.tokenStore, signingIn: false },
    integration,
    engine.cache,
    io.env,
    (message) => notices.push(message),
  )
  const outcome = await engine.revoke(integration, { cacheKey: kept.cacheKey, which: args.which })
  notices.push(...kept.keep())
  if (notices.length) io.stderr(renderWarnings(notices, p) + '\n')
  if (args.json) io.stdout(JSON.stringify(outcome, null, 2) + '\n')
  else {
    for (const kind of outcome.revoked)
      io.stdout(`${p.green('Revoked')} the ${NAMES[kind]}; it is forgotten here.\n`)
    for (const kind of outcome.notHeld)
      io.stdout(`No ${NAMES[kind]} is kept for this integration: nothing to revoke.\n`)
    if (outcome.diagnosis) io.stdout(renderDiagnosis(outcome.diagnosis, p) + '\n')
    const failed = outcome.ok ? undefined : outcome.exchanges.at(-1)
    if (failed) io.stdout('\n' + renderExchange(failed, p) + '\n')
  }
  if (outcome.ok) return EXIT_OK
  return outcome.diagnosis?.kind === 'network' ? EXIT_NETWORK : EXIT_REFUSED
}
