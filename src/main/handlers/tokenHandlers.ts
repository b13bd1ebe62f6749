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
  const { engine, repository, consent, openExternal, useIntegration } = services
  const running = new RunningRequests()
  // Apart from token requests: cancelling an API call must not stop a token request of the same integration.
  const runningApiCalls = new RunningRequests()
  return {
    'token.get': ({ id, code, fresh }) =>
      running.run(id, async (signal) => {
        const use = useIntegration(id)
        const options = { cacheKey: use.cacheKey, fresh, signal }
        // The paste path finds its sign-in by the same key authorize.open kept it under.
        const outcome =
          code === undefined
            ? await engine.getToken(use.integration, options)
            : await engine.redeemPastedCode(use.integration, code, options)
        return withEnvironmentNamed(withoutRefreshToken(outcome), use.environment)
      }),
    'token.revoke': ({ id, which }) =>
      running.run(id, (signal) =>
        engine.revoke(repository.getWithSecrets(id), { cacheKey: id, which, signal }),
      ),
    'token.cancel': ({ id }) => {
      running.cancel(id)
      return null
    },
    'device.start': async ({ id }) => {
      const use = useIntegration(id)
      const started = await engine.startDeviceAuthorization(use.integration, { cacheKey: use.cacheKey })
      if (!started.ok)
        throw new TokenDeskError(ERR_DEVICE_AUTHORIZATION, started.diagnosis.summary, {
          details: { diagnosis: { ...started.diagnosis, environment: use.environment } },
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
        const use = useIntegration(id)
        const outcome = await engine.pollDeviceToken(use.integration, consent.device(id), {
          cacheKey: use.cacheKey,
          signal,
        })
        consent.finish(id)
        return withEnvironmentNamed(withoutRefreshToken(outcome), use.environment)
      }),
    'token.describe': ({ id, kind }) => {
      const use = useIntegration(id)
      return engine.describeToken(use.integration, kind, { cacheKey: use.cacheKey })
    },
    'authorize.open': async ({ id }) => {
      const use = useIntegration(id)
      const { attempt } = await engine.startSignIn(use.integration)
      consent.remember(use.cacheKey, attempt)
      await openExternal(attempt.authorizeUrl)
      return { authorizeUrl: attempt.authorizeUrl }
    },
    'signIn.start': ({ id, via }) =>
      running.run(id, async (signal) => {
        const use = useIntegration(id)
        const outcome = await signInAndGetToken(services, use.integration, {
          via,
          cacheKey: use.cacheKey,
          signal,
        })
        consent.finish(id)
        return outcome.kind === 'token'
          ? { ...outcome, token: withEnvironmentNamed(withoutRefreshToken(outcome.token), use.environment) }
          : outcome
      }),
    'signIn.signOut': async ({ id }) => {
      // The ID token is read before the tokens are forgotten: it tells the provider whose session ends.
      const use = useIntegration(id)
      const { resolved, metadata } = await engine.providerMetadata(use.integration)
      const url = signOutUrl(metadata?.end_session_endpoint, {
        idToken: engine.cache.get(use.cacheKey)?.token.id_token,
        clientId: resolved.clientId,
      })
      engine.cache.forget(use.cacheKey)
      await services.clearSignInSession(use.cacheKey)
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
      const use = services.withEnvironment(withKeptSecrets(repository, draft, id, keepSecrets), saved)
      const preview = await engine.previewTokenRequest(use.integration, { reveal })
      return use.environment ? { ...preview, environment: use.environment } : preview
    },
    'api.call': ({ id, request }) =>
      runningApiCalls.run(id, async (signal) => {
        const use = useIntegration(id)
        const outcome = await engine.callApi(use.integration, request, { cacheKey: use.cacheKey, signal })
        return use.environment ? { ...outcome, environment: use.environment } : outcome
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

/** The renderer gets the access token it asked for; the refresh token stays in main. */
function withoutRefreshToken(outcome: TokenOutcome): TokenOutcome {
  if (!outcome.ok || !outcome.token.refresh_token) return outcome
  return { ...outcome, token: { ...outcome.token, refresh_token: MASKED } }
}
