import type { Diagnosis } from '../shared/diagnosis'
import type { Exchange } from '../shared/exchange'
import type { StorageStatus } from '../shared/ipc/contract'
import type { FileDialogs } from './files/fileDialogs'
import type { SystemProxyResolver } from './http/proxy'
import { createNodeTransport, type Transport } from './http/transport'
import type { Environment } from './integration/resolve'
import { createMasker } from './http/mask'
import { createAppLog, type AppLog } from './log/appLog'
import { createTokenEngine, TokenCache, type OpenSignInWindow } from './oauth'
import { checkHistoryFile, History } from './store/history'
import { IntegrationRepository } from './store/integrationRepository'
import { checkIntegrationsFile } from './store/integrationsFile'
import { applyEnvironment } from './integration/variables'
import { Environments } from './workspace/environments'
import { moveIntegrationsIntoWorkspace } from './workspace/migrateIntegrationsFile'
import { integrationIdOf, partsOfTokenKey, tokenKeyOf } from './workspace/tokenKey'
import { WorkspaceFolder } from './workspace/workspaceFolder'
import { Workspaces } from './workspace/workspaces'
import { ERR_SECRET_NEEDED } from '../shared/errorCodes'
import { listOf } from '../shared/fieldLabels'
import type { Integration } from '../shared/integration'
import { TokenDeskError } from './errors'
import { dirname, join } from 'node:path'
import { existsSync } from 'node:fs'
import type { StoreFactory } from './store/keyValueStore'
import { openRecovering, type RecoveryNotice, type ShapeCheck } from './store/openRecovering'
import { presets } from './presets'
import { createSandboxService } from './sandbox/sandboxService'
import type { SecretCipher } from './vault/secretCipher'
import { checkVaultFile, Vault } from './vault/vault'

/** What the platform provides: Electron's in the app, plain Node in tests and the CLI. */
export interface PlatformDeps {
  stores: StoreFactory
  cipher: SecretCipher
  dialogs: FileDialogs
  /** Opens an http(s) page in the user's browser (authorize pages). */
  openExternal: (url: string) => Promise<void>
  transport?: Transport
  /** The app: Electron's session says which proxy the system uses for a URL. */
  resolveSystemProxy?: SystemProxyResolver
  env?: Environment
  now?: () => number
  /** The embedded sign-in window (the app only). */
  openSignInWindow?: OpenSignInWindow
  /** Forgets an integration's remembered embedded sign-in (its session partition's cookies). */
  clearSignInSession?: (integrationId: string) => Promise<void>
  /** Where the app's log file goes (the user-data folder); without it nothing is logged to disk. */
  logDirectory?: string
  /** Watch the open workspace folder for changes (a `git pull`); on unless a test or the CLI says no. */
  watchWorkspace?: boolean
}

/** An integration ready for the engine: environment filled in, secrets in, and its token cache key. */
export interface IntegrationInUse {
  integration: Integration
  cacheKey: string
  /** The environment its `{{variables}}` came from, shown with the request, history and diagnosis. */
  environment?: string
}

export type AppServices = ReturnType<typeof createServices>

/** The vault entry holding the sandbox's demo credentials (not an integration id: those are UUIDs). */
export const SANDBOX_VAULT_ID = 'sandbox-demo-credentials'

/**
 * Opens the stores (recovering damaged ones), the vault, history, and the engine whose token cache
 * writes through to the vault. Each store is its own file, so damage to one loses nothing else.
 */
export function createServices(platform: PlatformDeps) {
  const now = platform.now ?? Date.now
  const recoveries: RecoveryNotice[] = []
  const open = (name: string, check?: ShapeCheck) =>
    openRecovering(platform.stores, name, () => new Date(now()), recoveries, check)
  const settings = open('settings')
  const vault = new Vault(open('vault', checkVaultFile), platform.cipher, {
    weakAllowed: () => settings.get('weakEncryptionAllowed') === true,
  })
  const defaultWorkspace = join(dirname(platform.stores.pathOf('settings')), 'workspace')
  // Once: the store from before workspaces becomes files of the default workspace (the file is kept, renamed).
  if (existsSync(platform.stores.pathOf('integrations')))
    moveIntegrationsIntoWorkspace({
      legacy: open('integrations', checkIntegrationsFile),
      workspace: WorkspaceFolder.open(defaultWorkspace, 'My integrations'),
      vault,
      preferences: settings,
    })
  const workspaces = new Workspaces(defaultWorkspace, settings, { watch: platform.watchWorkspace ?? true })
  const repository = new IntegrationRepository(workspaces, vault, settings)
  const environments = new Environments(workspaces, vault, settings)
  const history = new History(open('history', checkHistoryFile))
  const log = platform.logDirectory ? createAppLog(platform.logDirectory, maskKnownSecrets) : undefined

  /** Every saved secret and kept token, in every encoding, masked out of a log line. */
  function maskKnownSecrets(line: string): string {
    const values: string[] = []
    for (const { id } of repository.list()) {
      values.push(...Object.values(vault.getConfigSecrets(repository.vaultKey(id))))
      for (const key of tokenKeysOf(id)) {
        const tokens = vault.getTokens(key)
        for (const value of [tokens?.access_token, tokens?.refresh_token, tokens?.id_token])
          if (typeof value === 'string') values.push(value)
      }
    }
    values.push(...environments.secretValues())
    return createMasker(values).text(line)
  }

  // Access tokens are kept as the integration's setting says; refresh tokens always (encrypted), since
  // a rotating vendor revoked the old one and only the newest works after a restart.
  // Keyed per integration and environment (workspace/tokenKey.ts); kept in the vault under that key.
  const cache = new TokenCache(now, (key, kept) => {
    const { vaultKey, environment } = partsOfTokenKey(key)
    const integrationId = integrationIdOf(vaultKey)
    if (!repository.exists(integrationId) || repository.vaultKey(integrationId) !== vaultKey) return
    vault.putTokens(key, kept.token, repository.tokenStorage(integrationId) === 'disk')
    vault.putRefreshTokens(key, kept.refreshTokens)
    const newest = kept.refreshTokens.current?.value
    // The integration's own Refresh token field holds one refresh token, not one per environment.
    if (newest && environment === undefined) repository.replaceRefreshToken(integrationId, newest)
  })
  /** Every token key an integration of the open workspace can have: without and with each environment. */
  function tokenKeysOf(id: string): string[] {
    const vaultKey = repository.vaultKey(id)
    return [undefined, ...environments.state().environments.map((each) => each.name)].map((name) =>
      tokenKeyOf(vaultKey, name),
    )
  }
  const restored = new Set<string>()
  function restoreTokens(): void {
    for (const { id } of repository.list()) {
      for (const key of tokenKeysOf(id)) {
        if (restored.has(key)) continue
        restored.add(key)
        cache.restore(key, { token: vault.getTokens(key), refreshTokens: vault.getRefreshTokens(key) })
      }
    }
  }
  restoreTokens()
  workspaces.onChange(restoreTokens)

  /**
   * The integration as the engine gets it: the active environment's `{{variables}}` filled in,
   * this person's secrets in, and the token cache key of integration + environment. A secret the
   * workspace file says is needed and this person has not set stops here, naming it.
   */
  function useIntegration(id: string): IntegrationInUse {
    const missing = repository.missingSecretLabels(id)
    if (missing.length)
      throw new TokenDeskError(
        ERR_SECRET_NEEDED,
        `This integration needs your ${listOf(missing)}. Type ${missing.length === 1 ? 'it' : 'them'} in the form and save: ${missing.length === 1 ? 'it stays' : 'they stay'} in your vault, never in the workspace files.`,
        { field: 'needs', details: { needs: missing } },
      )
    return withEnvironment(repository.getWithSecrets(id), repository.vaultKey(id))
  }

  /** An integration (saved or a draft being previewed) with the active environment applied. */
  function withEnvironment(integration: Integration, vaultKey?: string): IntegrationInUse {
    const active = environments.active()
    return {
      integration: applyEnvironment(integration, active),
      cacheKey: tokenKeyOf(vaultKey ?? '', active?.name),
      ...(active && { environment: active.name }),
    }
  }

  // The practice sandbox's demo credentials are secrets like any other: in the vault, under their own id.
  const sandbox = createSandboxService({
    presets,
    credentials: {
      load: () => vault.getConfigSecrets(SANDBOX_VAULT_ID)['credentials'],
      save: (serialized) => vault.putConfigSecrets(SANDBOX_VAULT_ID, { credentials: serialized }),
    },
  })

  const env = platform.env ?? {}
  const transport =
    platform.transport ?? createNodeTransport({ env, resolveSystemProxy: platform.resolveSystemProxy })
  const engine = createTokenEngine({
    transport,
    env,
    now,
    cache,
    onExchange: ({ exchange, diagnosis, cacheKey }) => {
      const { vaultKey, environment } = cacheKey ? partsOfTokenKey(cacheKey) : { vaultKey: undefined }
      const integrationId = vaultKey ? integrationIdOf(vaultKey) : undefined
      const integrationName = integrationId ? repository.nameOf(integrationId) : undefined
      const isSandbox = integrationId ? repository.isSandbox(integrationId) : false
      // In place: the outcome handed back to the caller carries the same diagnosis.
      if (diagnosis && isSandbox)
        sandbox.explain({ sandbox: true, preset: repository.presetOf(integrationId!) }, diagnosis)
      history.add(exchange, { integrationId, integrationName, diagnosis, environment, sandbox: isSandbox })
      if (diagnosis) log?.warn(exchangeFailureLine(exchange, diagnosis, integrationName, environment))
    },
    // Kept as a rotated refresh token is: in the vault, for the integration the token key names.
    onNewDpopKey: (cacheKey, privateKey) => {
      const { vaultKey } = partsOfTokenKey(cacheKey)
      const integrationId = integrationIdOf(vaultKey)
      if (!repository.exists(integrationId) || repository.vaultKey(integrationId) !== vaultKey) return
      repository.keepDpopKey(integrationId, privateKey)
    },
  })

  function storageStatus(): StorageStatus {
    return { ...vault.status(), recoveries }
  }

  function allowWeakEncryption(allow: boolean): StorageStatus {
    settings.set('weakEncryptionAllowed', allow)
    if (allow) vault.flushSessionToDisk()
    return storageStatus()
  }

  // Sign-ins in progress: a pasted PIN or address is read against the one this integration started.
  const consent = engine.signInSessions
  return {
    engine,
    transport,
    repository,
    workspaces,
    environments,
    useIntegration,
    withEnvironment,
    tokenKeysOf,
    vault,
    history,
    consent,
    sandbox,
    log,
    /** Where the app window was, so it reopens there (the Electron glue reads and writes it). */
    windowSettings: open('window'),
    dialogs: platform.dialogs,
    openExternal: platform.openExternal,
    openSignInWindow: platform.openSignInWindow,
    clearSignInSession: platform.clearSignInSession ?? (async () => undefined),
    now,
    storageStatus,
    allowWeakEncryption,
  }
}

/** One log line per refused or failed exchange: what was asked, what came back, why (all masked). */
function exchangeFailureLine(
  exchange: Exchange,
  diagnosis: Diagnosis,
  integrationName?: string,
  environment?: string,
): string {
  const { request, response } = exchange
  const outcome = response ? `HTTP ${response.status}` : 'no answer'
  const who = integrationName ? `${integrationName}${environment ? ` (${environment})` : ''}: ` : ''
  return `${who}${exchange.purpose} request ${request.method} ${request.url} → ${outcome} — ${diagnosis.summary}`
}

export type { AppLog }
