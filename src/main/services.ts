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
import type { StoreFactory } from './store/keyValueStore'
import { openRecovering, type RecoveryNotice, type ShapeCheck } from './store/openRecovering'
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
}

export type AppServices = ReturnType<typeof createServices>

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
  const repository = new IntegrationRepository(
    open('integrations', checkIntegrationsFile),
    vault,
    () => new Date(now()),
  )
  const history = new History(open('history', checkHistoryFile))
  const log = platform.logDirectory ? createAppLog(platform.logDirectory, maskKnownSecrets) : undefined

  /** Every saved secret and kept token, in every encoding, masked out of a log line. */
  function maskKnownSecrets(line: string): string {
    const values: string[] = []
    for (const { id } of repository.list()) {
      values.push(...Object.values(vault.getConfigSecrets(id)))
      const tokens = vault.getTokens(id)
      for (const value of [tokens?.access_token, tokens?.refresh_token, tokens?.id_token])
        if (typeof value === 'string') values.push(value)
    }
    return createMasker(values).text(line)
  }

  // Access tokens are kept as the integration's setting says; refresh tokens always (encrypted), since
  // a rotating vendor revoked the old one and only the newest works after a restart.
  const cache = new TokenCache(now, (integrationId, kept) => {
    if (!repository.exists(integrationId)) return
    vault.putTokens(integrationId, kept.token, repository.tokenStorage(integrationId) === 'disk')
    vault.putRefreshTokens(integrationId, kept.refreshTokens)
    const newest = kept.refreshTokens.current?.value
    if (newest) repository.replaceRefreshToken(integrationId, newest)
  })
  for (const { id } of repository.list()) {
    cache.restore(id, { token: vault.getTokens(id), refreshTokens: vault.getRefreshTokens(id) })
  }

  const env = platform.env ?? {}
  const transport =
    platform.transport ?? createNodeTransport({ env, resolveSystemProxy: platform.resolveSystemProxy })
  const engine = createTokenEngine({
    transport,
    env,
    now,
    cache,
    onExchange: ({ exchange, diagnosis, cacheKey }) => {
      const integrationName = cacheKey ? repository.nameOf(cacheKey) : undefined
      history.add(exchange, { integrationId: cacheKey, integrationName, diagnosis })
      if (diagnosis) log?.warn(exchangeFailureLine(exchange, diagnosis, integrationName))
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
    vault,
    history,
    consent,
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
function exchangeFailureLine(exchange: Exchange, diagnosis: Diagnosis, integrationName?: string): string {
  const { request, response } = exchange
  const outcome = response ? `HTTP ${response.status}` : 'no answer'
  const who = integrationName ? `${integrationName}: ` : ''
  return `${who}${exchange.purpose} request ${request.method} ${request.url} → ${outcome} — ${diagnosis.summary}`
}

export type { AppLog }
