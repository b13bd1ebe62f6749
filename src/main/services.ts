import type { StorageStatus } from '../shared/ipc/contract'
import type { FileDialogs } from './files/fileDialogs'
import type { Transport } from './http/transport'
import type { Environment } from './integration/resolve'
import { ConsentSessions } from './oauth/consentSessions'
import { createTokenEngine } from './oauth/engine'
import { TokenCache } from './oauth/tokenCache'
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
  env?: Environment
  now?: () => number
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

  const engine = createTokenEngine({
    transport: platform.transport,
    env: platform.env ?? {},
    now,
    cache,
    onExchange: ({ exchange, diagnosis, cacheKey }) => {
      const integrationName = cacheKey ? repository.nameOf(cacheKey) : undefined
      history.add(exchange, { integrationId: cacheKey, integrationName, diagnosis })
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

  const consent = new ConsentSessions()
  return {
    engine,
    repository,
    vault,
    history,
    consent,
    dialogs: platform.dialogs,
    openExternal: platform.openExternal,
    now,
    storageStatus,
    allowWeakEncryption,
  }
}
