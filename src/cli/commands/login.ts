import type { TokenEngine } from '../../main/oauth'
import { signInAndGetToken } from '../../main/oauth'
import { EXIT_INVALID_INPUT, EXIT_NETWORK, EXIT_OK, EXIT_REFUSED, paint, type CliIo } from '../io'
import { loadIntegrationFile } from '../loadIntegration'
import { openInDefaultBrowser } from '../openBrowser'
import { renderDiagnosis, renderTokenSuccess, renderWarnings } from '../render'
import { useKeptTokens } from '../tokenStore/keptTokens'
import { withRefreshTokenMasked } from './token'

export interface LoginArgs {
  integration: string
  tokenStore?: string
  /** Only print the address (to open on another device); do not start a browser here. */
  noBrowser: boolean
  json: boolean
  reveal: boolean
}

/**
 * `tokendesk login`: the authorization-code sign-in from a terminal — the system browser (or any
 * device, with --no-browser) and a one-shot listener on 127.0.0.1 (RFC 8252). The PKCE verifier
 * never leaves this process. The tokens are kept and printed as `tokendesk token` does.
 */
export async function loginCommand(args: LoginArgs, engine: TokenEngine, io: CliIo): Promise<number> {
  const integration = await loadIntegrationFile(args.integration)
  const p = paint(io.color)
  if (integration.grant !== 'authorization_code') {
    io.stderr(
      `${p.red('error:')} ${args.integration} uses the "${integration.grant}" grant; login is for "authorization_code". Use tokendesk token instead.\n`,
    )
    return EXIT_INVALID_INPUT
  }
  const notices: string[] = []
  const kept = useKeptTokens(
    { integrationFile: args.integration, tokenStore: args.tokenStore, signingIn: true },
    integration,
    engine.cache,
    io.env,
    (message) => notices.push(message),
  )
  const open = io.openBrowser ?? ((url: string) => openInDefaultBrowser(url, io.env))
  const signedIn = await signInAndGetToken(
    { engine, openExternal: args.noBrowser ? async () => undefined : open },
    integration,
    {
      via: 'browser',
      cacheKey: kept.cacheKey,
      onAuthorizeUrl: (url) =>
        io.stderr(
          `${args.noBrowser ? 'Open this address to sign in' : 'Your browser should open; if it does not, open'}:\n  ${url}\nWaiting for the sign-in to come back to this computer (127.0.0.1)…\n`,
        ),
    },
  )
  if (signedIn.kind !== 'token') throw new Error('the browser flow always ends with a token outcome')
  notices.push(...kept.keep())
  const outcome = withRefreshTokenMasked(signedIn.token, args.reveal)
  if (notices.length) io.stderr(renderWarnings(notices, p) + '\n')
  const idToken = signedIn.idToken
  if (args.json) {
    io.stdout(JSON.stringify({ ...outcome, idToken }, null, 2) + '\n')
  } else if (outcome.ok) {
    io.stdout(renderTokenSuccess(outcome, p, Date.now()) + '\n')
    if (idToken) {
      const failed = idToken.verification.checks.filter((check) => !check.ok)
      io.stdout(
        idToken.verification.valid && failed.length === 0
          ? `${p.green('ID token valid')} for ${String(idToken.decoded.payload['sub'] ?? 'the user')}: signature, issuer, audience, expiry and nonce checked.\n`
          : `${p.red('ID token not trusted:')} ${idToken.verification.reason ?? failed.map((check) => check.message).join(' ')}\n`,
      )
    }
  } else io.stdout(renderDiagnosis(outcome.diagnosis, p) + '\n')
  return outcome.ok ? EXIT_OK : outcome.diagnosis.kind === 'network' ? EXIT_NETWORK : EXIT_REFUSED
}
