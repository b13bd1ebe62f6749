import { ERR_DEVICE_AUTHORIZATION } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { MASKED } from '../../shared/secretNames'
import type { TokenOutcome } from '../../shared/token'
import { parseIntegration } from '../integration/parse'
import type { AppServices } from '../services'
import { readPath, withSecrets } from '../vault/secretPaths'
import { TokenDeskError } from '../errors'
import { signInAndGetToken, signOutUrl } from '../oauth'
import { RunningRequests } from './runningRequests'
import type { Handlers } from './handlerType'

type TokenHandlers = Pick<
  Handlers,
  | 'token.get'
  | 'token.preview'
  | 'token.describe'
  | 'token.cancel'
  | 'device.start'
  | 'device.openPage'
  | 'device.poll'
  | 'api.call'
  | 'api.cancel'
  | 'authorize.open'
  | 'signIn.start'
  | 'signIn.clearSession'
  | 'signIn.signOut'
>

export function tokenHandlers(services: AppServices): TokenHandlers {
  const { engine, repository, consent, openExternal, sandbox } = services
  /** The integration as it is used now: a sandbox twin follows the running sandbox's ports. */
  const use = (id: string): Promise<Integration> => sandbox.follow(repository.getWithSecrets(id))
  const withSandboxCause = (id: string, outcome: TokenOutcome) =>
    withSandboxCauseOf(sandbox, repository.getWithSecrets(id), outcome)
  /** A refused or tampered sign-in while a sandbox switch is on says so, like a diagnosis does. */
  const explained = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      const cause =
        error instanceof TokenDeskError ? sandbox.causeLine(repository.getWithSecrets(id)) : undefined
      if (!cause || !(error instanceof TokenDeskError)) throw error
      throw new TokenDeskError(error.code, `${error.message}\n${cause}`, {
        field: error.field,
        details: { ...error.details, sandboxSwitch: sandbox.activeSwitch(repository.getWithSecrets(id)) },
        cause: error,
      })
    }
  }
  const running = new RunningRequests()
  // Apart from token requests: cancelling an API call must not stop a token request of the same integration.
  const runningApiCalls = new RunningRequests()
  return {
    'token.get': ({ id, code, fresh }) =>
      running.run(id, async (signal) => {
        const integration = await use(id)
        const options = { cacheKey: id, fresh, signal }
        // A pasted PIN or address with a tampered state says which sandbox switch did it.
        const outcome = await explained(id, () =>
          code === undefined
            ? engine.getToken(integration, options)
            : engine.redeemPastedCode(integration, code, options),
        )
        return withoutRefreshToken(withSandboxCause(id, outcome))
      }),
    'token.cancel': ({ id }) => {
      running.cancel(id)
      return null
    },
    'device.start': async ({ id }) => {
      const started = await engine.startDeviceAuthorization(await use(id), { cacheKey: id })
      if (!started.ok)
        throw new TokenDeskError(ERR_DEVICE_AUTHORIZATION, started.diagnosis.summary, {
          details: { diagnosis: started.diagnosis },
        })
      consent.rememberDevice(id, started.authorization)
      const { deviceCode: _secret, ...prompt } = started.authorization
      return prompt
    },
    'device.openPage': async ({ id }) => {
      const { verificationUriComplete, verificationUri } = consent.device(id)
      await openExternal(verificationUriComplete ?? verificationUri)
      return null
    },
    'device.poll': ({ id }) =>
      running.run(id, async (signal) => {
        const outcome = await engine.pollDeviceToken(await use(id), consent.device(id), {
          cacheKey: id,
          signal,
        })
        consent.finish(id)
        return withoutRefreshToken(outcome)
      }),
    'token.describe': async ({ id, kind }) => engine.describeToken(await use(id), kind, { cacheKey: id }),
    'authorize.open': async ({ id }) => {
      const { attempt } = await engine.startSignIn(await use(id))
      consent.remember(id, attempt)
      await openExternal(attempt.authorizeUrl)
      return { authorizeUrl: attempt.authorizeUrl }
    },
    'signIn.start': ({ id, via }) =>
      running.run(id, async (signal) => {
        const outcome = await explained(id, async () =>
          signInAndGetToken(services, await use(id), { via, cacheKey: id, signal }),
        )
        consent.finish(id)
        return outcome.kind === 'token' ? { ...outcome, token: withoutRefreshToken(outcome.token) } : outcome
      }),
    'signIn.signOut': async ({ id }) => {
      // The ID token is read before the tokens are forgotten: it tells the provider whose session ends.
      const integration = await use(id)
      const { resolved, metadata } = await engine.providerMetadata(integration)
      const url = signOutUrl(metadata?.end_session_endpoint, {
        idToken: engine.cache.get(id)?.token.id_token,
        clientId: resolved.clientId,
      })
      engine.cache.forget(id)
      await services.clearSignInSession(id)
      await openExternal(url)
      // The hint is the user's ID token: the window gets the page's address without it.
      const page = new URL(url)
      page.searchParams.delete('id_token_hint')
      return { signOutPage: page.toString() }
    },
    'signIn.clearSession': async ({ id }) => {
      await services.clearSignInSession(id)
      return null
    },
    'token.preview': async ({ id, integration, keepSecrets, reveal }) => {
      const draft = parseIntegration(integration)
      const whole = await sandbox.follow(withKeptSecrets(repository, draft, id, keepSecrets))
      return engine.previewTokenRequest(whole, { reveal })
    },
    'api.call': ({ id, request }) =>
      runningApiCalls.run(id, (signal) =>
        use(id).then(async (integration) =>
          engine.callApi(
            integration,
            { ...request, url: await sandbox.followUrl(integration, request.url) },
            { cacheKey: id, signal },
          ),
        ),
      ),
    'api.cancel': ({ id }) => {
      runningApiCalls.cancel(id)
      return null
    },
  }
}

/** The form leaves saved secrets empty; the preview fills them in from the vault, in main. */
function withKeptSecrets(
  repository: AppServices['repository'],
  draft: Integration,
  id: string | undefined,
  keep: string[] = [],
): Integration {
  if (!id || !repository.exists(id) || keep.length === 0) return draft
  const saved = repository.getWithSecrets(id)
  const kept = keep.flatMap((path): Array<[string, string]> => {
    const value = readPath(saved, path)
    return typeof value === 'string' ? [[path, value]] : []
  })
  return withSecrets(draft, kept)
}

/**
 * A token that came despite a sandbox switch (a refused refresh token, then the grant itself) says
 * which switch made the detour; a failure's diagnosis already does.
 */
function withSandboxCauseOf(
  sandbox: AppServices['sandbox'],
  integration: Integration,
  outcome: TokenOutcome,
) {
  const cause = sandbox.causeLine(integration)
  if (!outcome.ok || !cause || outcome.warnings.length === 0) return outcome
  return { ...outcome, warnings: [...outcome.warnings, cause] }
}

/** The renderer gets the access token it asked for; the refresh token stays in main. */
function withoutRefreshToken(outcome: TokenOutcome): TokenOutcome {
  if (!outcome.ok || !outcome.token.refresh_token) return outcome
  return { ...outcome, token: { ...outcome.token, refresh_token: MASKED } }
}
