import { MASKED } from '../../shared/secretNames'
import type { Integration } from '../../shared/integration'
import type { TokenOutcome, TokenOutcomeSuccess } from '../../shared/token'
import type { TokenEngine } from '../../main/oauth'
import { EXIT_NETWORK, EXIT_OK, EXIT_REFUSED, paint, type CliIo } from '../io'
import { loadIntegrationFile } from '../loadIntegration'
import { renderDiagnosis, renderExchange, renderTokenSuccess, renderWarnings } from '../render'
import { useKeptTokens } from '../tokenStore/keptTokens'
import { valueOf } from '../tokenStore/tokenStore'

export interface TokenArgs {
  integration: string
  code?: string
  /** A file to keep tokens in when there is no OS keychain (or by choice). */
  tokenStore?: string
  /** Ask the vendor even when a kept access token is still valid. */
  fresh: boolean
  json: boolean
  reveal: boolean
  verbose: boolean
}

/**
 * `tokendesk token`: get a token and print it, or print why not. Tokens are kept per integration
 * (OS keychain, or --token-store FILE) so the next run reuses a valid access token and renews with
 * the newest refresh token, which a rotating vendor requires.
 */
export async function tokenCommand(args: TokenArgs, engine: TokenEngine, io: CliIo): Promise<number> {
  const integration = await loadIntegrationFile(args.integration)
  const p = paint(io.color)
  const notices: string[] = []
  const kept = useKeptTokens(
    { integrationFile: args.integration, tokenStore: args.tokenStore, signingIn: args.code !== undefined },
    integration,
    engine.cache,
    io.env,
    (message) => notices.push(message),
  )
  const options = { cacheKey: kept.cacheKey, fresh: args.fresh, input: { code: args.code } }
  // A device sign-in only when no kept token can be reused or renewed.
  const cached = engine.cache.get(kept.cacheKey)
  const renewable =
    engine.cache.refreshTokenFor(kept.cacheKey) !== undefined ||
    (cached !== undefined && engine.cache.isFresh(cached) && !args.fresh)
  const obtained =
    integration.grant === 'device_code' && !renewable
      ? await deviceSignIn(integration, engine, io, kept.cacheKey)
      : await engine.getToken(integration, options)
  notices.push(...kept.keep())
  if (!kept.kept && obtained.ok && rotated(obtained, integration, io.env))
    notices.push(
      'The vendor replaced the refresh token and this run kept the new one nowhere: the next run will be refused unless you pass --token-store FILE (or --reveal to see it now).',
    )
  const outcome = withRefreshTokenMasked(obtained, args.reveal)
  if (notices.length) io.stderr(renderWarnings(notices, p) + '\n')
  if (args.json) {
    io.stdout(JSON.stringify(outcome, null, 2) + '\n')
  } else {
    if (outcome.warnings.length) io.stderr(renderWarnings(outcome.warnings, p) + '\n')
    if (outcome.ok) io.stdout(renderTokenSuccess(outcome, p, Date.now()) + '\n')
    else io.stdout(renderDiagnosis(outcome.diagnosis, p) + '\n')
    if ((args.verbose || !outcome.ok) && outcome.exchange)
      io.stdout('\n' + renderExchange(outcome.exchange, p) + '\n')
  }
  return outcome.ok ? EXIT_OK : outcome.diagnosis.kind === 'network' ? EXIT_NETWORK : EXIT_REFUSED
}

/** A renewal that brought a refresh token other than the one sent: the old one is now spent. */
function rotated(outcome: TokenOutcomeSuccess, integration: Integration, env: CliIo['env']): boolean {
  const renewal = outcome.source === 'refresh' || integration.grant === 'refresh_token'
  const fresh = outcome.token.refresh_token
  return renewal && fresh !== undefined && fresh !== valueOf(integration.refreshToken, env)
}

/** The access token is what the user asked for; the refresh token is shown only with --reveal. */
export function withRefreshTokenMasked(outcome: TokenOutcome, reveal: boolean): TokenOutcome {
  if (!outcome.ok || reveal || !outcome.token.refresh_token) return outcome
  return { ...outcome, token: { ...outcome.token, refresh_token: MASKED } }
}

/** RFC 8628 on a terminal: say where to go and which code to type, then wait for the approval. */
async function deviceSignIn(
  integration: Integration,
  engine: TokenEngine,
  io: CliIo,
  cacheKey: string,
): Promise<TokenOutcome> {
  const started = await engine.startDeviceAuthorization(integration)
  if (!started.ok) return started
  const { userCode, verificationUri, verificationUriComplete } = started.authorization
  const p = paint(io.color)
  io.stderr(
    `To approve, open ${p.bold(verificationUriComplete ?? verificationUri)}\nand enter the code ${p.bold(userCode)}. Waiting…\n`,
  )
  return engine.pollDeviceToken(integration, started.authorization, { cacheKey })
}
