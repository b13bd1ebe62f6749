import { ERR_DEVICE_AUTHORIZATION } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { MASKED } from '../../shared/secretNames'
import type { TokenOutcome } from '../../shared/token'
import { parseIntegration } from '../integration/parse'
import type { AppServices, IntegrationInUse } from '../services'
import { readPath, withSecrets } from '../vault/secretPaths'
import { TokenDeskError } from '../errors'
import { signInAndGetToken, signOutUrl } from '../oauth'
import { RunningRequests } from './runningRequests'
import type { Handlers } from './handlerType'
import { saveIntegration } from './saveIntegration'

type TokenHandlers = Pick<
  Handlers,
  | 'token.get'
  | 'token.preview'
  | 'token.describe'
  | 'token.revoke'
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
  const { engine, repository, consent, openExternal, useIntegration, sandbox } = services
  /**
   * The integration as it is used now: the active environment applied, and a sandbox twin moved to
   * the running sandbox's ports.
   */
  const use = async (id: string): Promise<IntegrationInUse> => {
    const inUse = useIntegration(id)
    return { ...inUse, integration: await sandbox.follow(inUse.integration) }
  }
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
    'token.get': async ({ id, save, code, fresh }) => {
      const saved = save ? saveIntegration(services, { ...save, id }) : undefined
      try {
        const outcome = await running.run(id, async (signal) => {
          const inUse = await use(id)
          const options = { cacheKey: inUse.cacheKey, fresh, signal }
          // The paste path finds its sign-in by the key authorize.open kept it under; a pasted PIN or
          // address with a tampered state says which sandbox switch did it.
          const got = await explained(id, () =>
            code === undefined
              ? engine.getToken(inUse.integration, options)
              : engine.redeemPastedCode(inUse.integration, code, options),
          )
          return withEnvironmentNamed(
            withoutRefreshToken(withSandboxCauseOf(sandbox, inUse.integration, got)),
            inUse.environment,
          )
        })
        return saved ? { ...outcome, saved } : outcome
      } catch (error) {
        // Saved, then refused (a missing value, a cancel): the form still learns what was saved.
        if (saved && error instanceof TokenDeskError)
          throw new TokenDeskError(error.code, error.message, {
            field: error.field,
            details: { ...error.details, saved },
            cause: error,
          })
        throw error
      }
    },
    'token.revoke': ({ id, which }) =>
      running.run(id, async (signal) => {
        const inUse = await use(id)
        return engine.revoke(inUse.integration, { cacheKey: inUse.cacheKey, which, signal })
      }),
    'token.cancel': ({ id }) => {
      running.cancel(id)
      return null
    },
    'device.start': async ({ id }) => {
      const inUse = await use(id)
      const started = await engine.startDeviceAuthorization(inUse.integration, { cacheKey: inUse.cacheKey })
      if (!started.ok)
        throw new TokenDeskError(ERR_DEVICE_AUTHORIZATION, started.diagnosis.summary, {
          details: { diagnosis: { ...started.diagnosis, environment: inUse.environment } },
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
        const inUse = await use(id)
        const outcome = await engine.pollDeviceToken(inUse.integration, consent.device(id), {
          cacheKey: inUse.cacheKey,
          signal,
        })
        consent.finish(id)
        return withEnvironmentNamed(withoutRefreshToken(outcome), inUse.environment)
      }),
    'token.describe': async ({ id, kind }) => {
      const inUse = await use(id)
      return engine.describeToken(inUse.integration, kind, { cacheKey: inUse.cacheKey })
    },
    'authorize.open': async ({ id }) => {
      const inUse = await use(id)
      const { attempt } = await engine.startSignIn(inUse.integration)
      consent.remember(inUse.cacheKey, attempt)
      await openExternal(attempt.authorizeUrl)
      return { authorizeUrl: attempt.authorizeUrl }
    },
    'signIn.start': ({ id, via }) =>
      running.run(id, async (signal) => {
        const inUse = await use(id)
        const outcome = await explained(id, () =>
          signInAndGetToken(services, inUse.integration, { via, cacheKey: inUse.cacheKey, signal }),
        )
        consent.finish(id)
        return outcome.kind === 'token'
          ? { ...outcome, token: withEnvironmentNamed(withoutRefreshToken(outcome.token), inUse.environment) }
          : outcome
      }),
    'signIn.signOut': async ({ id }) => {
      // The ID token is read before the tokens are forgotten: it tells the provider whose session ends.
      const inUse = await use(id)
      const { resolved, metadata } = await engine.providerMetadata(inUse.integration)
      const url = signOutUrl(metadata?.end_session_endpoint, {
        idToken: engine.cache.get(inUse.cacheKey)?.token.id_token,
        clientId: resolved.clientId,
      })
      engine.cache.forget(inUse.cacheKey)
      await services.clearSignInSession(inUse.cacheKey)
      await openExternal(url)
      // The hint is the user's ID token: the window gets the page's address without it.
      const page = new URL(url)
      page.searchParams.delete('id_token_hint')
      return { signOutPage: page.toString() }
    },
    'signIn.clearSession': async ({ id }) => {
      await services.clearSignInSession(useIntegration(id).cacheKey)
      return null
    },
    'token.preview': async ({ id, integration, keepSecrets, reveal }) => {
      const draft = parseIntegration(integration)
      const saved = id && repository.exists(id) ? repository.vaultKey(id) : undefined
      const inUse = services.withEnvironment(withKeptSecrets(repository, draft, id, keepSecrets), saved)
      const whole = await sandbox.follow(inUse.integration)
      const preview = await engine.previewTokenRequest(whole, { reveal })
      return inUse.environment ? { ...preview, environment: inUse.environment } : preview
    },
    'api.call': ({ id, request }) =>
      runningApiCalls.run(id, async (signal) => {
        const inUse = await use(id)
        const url = await sandbox.followUrl(inUse.integration, request.url)
        const outcome = await engine.callApi(
          inUse.integration,
          { ...request, url },
          {
            cacheKey: inUse.cacheKey,
            signal,
          },
        )
        return inUse.environment ? { ...outcome, environment: inUse.environment } : outcome
      }),
    'api.cancel': ({ id }) => {
      runningApiCalls.cancel(id)
      return null
    },
  }
}

/** The outcome says which environment it used; a failure's diagnosis says it too. */
function withEnvironmentNamed(outcome: TokenOutcome, environment: string | undefined): TokenOutcome {
  if (environment === undefined) return outcome
  return outcome.ok
    ? { ...outcome, environment }
    : { ...outcome, environment, diagnosis: { ...outcome.diagnosis, environment } }
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
