import { MASKED } from '../../shared/secretNames'
import type { Integration } from '../../shared/integration'
import type { TokenOutcome } from '../../shared/token'
import type { TokenEngine } from '../../main/oauth/engine'
import { EXIT_NETWORK, EXIT_OK, EXIT_REFUSED, paint, type CliIo } from '../io'
import { loadIntegrationFile } from '../loadIntegration'
import { renderDiagnosis, renderExchange, renderTokenSuccess, renderWarnings } from '../render'

export interface TokenArgs {
  integration: string
  code?: string
  json: boolean
  reveal: boolean
  verbose: boolean
}

/** `tokendesk token`: get a token and print it, or print why not. */
export async function tokenCommand(args: TokenArgs, engine: TokenEngine, io: CliIo): Promise<number> {
  const integration = await loadIntegrationFile(args.integration)
  const obtained =
    integration.grant === 'device_code'
      ? await deviceSignIn(integration, engine, io)
      : await engine.getToken(integration, { input: { code: args.code } })
  const outcome = withRefreshTokenMasked(obtained, args.reveal)
  const p = paint(io.color)
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

/** The access token is what the user asked for; the refresh token is shown only with --reveal. */
function withRefreshTokenMasked(outcome: TokenOutcome, reveal: boolean): TokenOutcome {
  if (!outcome.ok || reveal || !outcome.token.refresh_token) return outcome
  return { ...outcome, token: { ...outcome.token, refresh_token: MASKED } }
}

/** RFC 8628 on a terminal: say where to go and which code to type, then wait for the approval. */
async function deviceSignIn(integration: Integration, engine: TokenEngine, io: CliIo): Promise<TokenOutcome> {
  const started = await engine.startDeviceAuthorization(integration)
  if (!started.ok) return started
  const { userCode, verificationUri, verificationUriComplete } = started.authorization
  const p = paint(io.color)
  io.stderr(
    `To approve, open ${p.bold(verificationUriComplete ?? verificationUri)}\nand enter the code ${p.bold(userCode)}. Waiting…\n`,
  )
  return engine.pollDeviceToken(integration, started.authorization)
}
