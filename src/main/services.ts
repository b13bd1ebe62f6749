import type { StorageStatus } from '../shared/ipc/contract'
import type { FileDialogs } from './files/fileDialogs'
import type { SystemProxyResolver } from './http/proxy'
import { createNodeTransport, type Transport } from './http/transport'
import type { Environment } from './integration/resolve'
import { ConsentSessions } from './oauth/consentSessions'
import { createTokenEngine } from './oauth/engine'
import { TokenCache } from './oauth/tokenCache'
import { History } from './store/history'
import { IntegrationRepository } from './store/integrationRepository'
import type { StoreFactory } from './store/keyValueStore'
import { openRecovering, type RecoveryNotice } from './store/openRecovering'
import type { SecretCipher } from './vault/secretCipher'
import { Vault } from './vault/vault'

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
}

export type AppServices = ReturnType<typeof createServices>

/**
 * Opens the stores (recovering damaged ones), the vault, history, and the engine whose token cache
 * writes through to the vault. Each store is its own file, so damage to one loses nothing else.
 */
export function createServices(platform: PlatformDeps) {
  const now = platform.now ?? Date.now
  const recoveries: RecoveryNotice[] = []
  const open = (name: string) => openRecovering(platform.stores, name, () => new Date(now()), recoveries)
  const settings = open('settings')
  const vault = new Vault(open('vault'), platform.cipher, {
    weakAllowed: () => settings.get('weakEncryptionAllowed') === true,
  })
  const repository = new IntegrationRepository(open('integrations'), vault, () => new Date(now()))
  const history = new History(open('history'))

  const cache = new TokenCache(now, (integrationId, entry) => {
    if (!repository.exists(integrationId)) return
    vault.putTokens(integrationId, entry.token, repository.tokenStorage(integrationId) === 'disk')
  })
  for (const { id } of repository.list()) {
    const kept = vault.getTokens(id)
    if (kept) cache.restore(id, kept)
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
    transport,
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
