import { ERR_DEVICE_AUTHORIZATION } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import { MASKED } from '../../shared/secretNames'
import type { EditableIntegration, TokenStorage } from '../../shared/storedIntegration'
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
  const { engine, repository, consent, openExternal } = services
  const running = new RunningRequests()
  // Apart from token requests: cancelling an API call must not stop a token request of the same integration.
  const runningApiCalls = new RunningRequests()
  return {
    'token.get': async ({ id, save, code, fresh }) => {
      const saved = save ? saveDraft(repository, id, save) : undefined
      try {
        const outcome = await running.run(id, async (signal) => {
          const integration = repository.getWithSecrets(id)
          const options = { cacheKey: id, fresh, signal }
          const got =
            code === undefined
              ? await engine.getToken(integration, options)
              : await engine.redeemPastedCode(integration, code, options)
          return withoutRefreshToken(got)
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
    'token.cancel': ({ id }) => {
      running.cancel(id)
      return null
    },
    'device.start': async ({ id }) => {
      const started = await engine.startDeviceAuthorization(repository.getWithSecrets(id), { cacheKey: id })
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
        const outcome = await engine.pollDeviceToken(repository.getWithSecrets(id), consent.device(id), {
          cacheKey: id,
          signal,
        })
        consent.finish(id)
        return withoutRefreshToken(outcome)
      }),
    'token.describe': ({ id, kind }) =>
      engine.describeToken(repository.getWithSecrets(id), kind, { cacheKey: id }),
    'authorize.open': async ({ id }) => {
      const { attempt } = await engine.startSignIn(repository.getWithSecrets(id))
      consent.remember(id, attempt)
      await openExternal(attempt.authorizeUrl)
      return { authorizeUrl: attempt.authorizeUrl }
    },
    'signIn.start': ({ id, via }) =>
      running.run(id, async (signal) => {
        const outcome = await signInAndGetToken(services, repository.getWithSecrets(id), {
          via,
          cacheKey: id,
          signal,
        })
        consent.finish(id)
        return outcome.kind === 'token' ? { ...outcome, token: withoutRefreshToken(outcome.token) } : outcome
      }),
    'signIn.signOut': async ({ id }) => {
      // The ID token is read before the tokens are forgotten: it tells the provider whose session ends.
      const integration = repository.getWithSecrets(id)
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
    'token.preview': ({ id, integration, keepSecrets, reveal }) => {
      const draft = parseIntegration(integration)
      return engine.previewTokenRequest(withKeptSecrets(repository, draft, id, keepSecrets), { reveal })
    },
    'api.call': ({ id, request }) =>
      runningApiCalls.run(id, (signal) =>
        engine.callApi(repository.getWithSecrets(id), request, { cacheKey: id, signal }),
      ),
    'api.cancel': ({ id }) => {
      runningApiCalls.cancel(id)
      return null
    },
  }
}

/** Get token with unsaved changes: saved as integrations.save would, under the id the renderer chose. */
function saveDraft(
  repository: AppServices['repository'],
  id: string,
  save: { integration: Record<string, unknown>; keepSecrets?: string[]; tokenStorage?: TokenStorage },
): EditableIntegration {
  return repository.save({
    id,
    integration: parseIntegration(save.integration),
    keepSecrets: save.keepSecrets,
    tokenStorage: save.tokenStorage,
  })
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
