import { randomUUID } from 'node:crypto'
import { ERR_INTEGRATION_NOT_FOUND } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import {
  summaryOf,
  type EditableIntegration,
  type IntegrationSummary,
  type TokenStorage,
} from '../../shared/storedIntegration'
import { TokenDeskError } from '../errors'
import { parseIntegration } from '../integration/parse'
import { collectSecrets, secretAt, withoutSecrets, withSecrets } from '../vault/secretPaths'
import type { Vault } from '../vault/vault'
import type { KeyValueStore } from './keyValueStore'
import { CURRENT_VERSION, migrateIntegrationsFile, type StoredRecord } from './integrationsFile'

export interface SaveIntegrationRequest {
  id?: string
  integration: Integration
  /** Secret paths left empty in the form whose saved value should be kept. */
  keepSecrets?: string[]
  tokenStorage?: TokenStorage
}

/**
 * Integrations on disk without their secrets (integrations.json); secrets in the vault. The renderer
 * sees the integration without secret values; the engine gets it whole, in main only.
 */
export class IntegrationRepository {
  private readonly trash = new Map<string, { record: StoredRecord; secrets: Record<string, string> }>()

  constructor(
    private readonly store: KeyValueStore,
    private readonly vault: Vault,
    private readonly now: () => Date = () => new Date(),
  ) {
    const migrated = migrateIntegrationsFile({
      version: store.get('version'),
      integrations: store.get('integrations'),
    })
    if (migrated.changed) {
      store.set('integrations', migrated.integrations)
      store.set('version', CURRENT_VERSION)
    }
  }

  list(): IntegrationSummary[] {
    return Object.values(this.records())
      .map(summaryOf)
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  summary(id: string): IntegrationSummary {
    return summaryOf(this.record(id))
  }

  getForEditing(id: string): EditableIntegration {
    const record = this.record(id)
    return { ...record, secretsSet: Object.keys(this.vault.getConfigSecrets(id)) }
  }

  /** The whole integration, secrets included. Main process only. */
  getWithSecrets(id: string): Integration {
    return withSecrets(this.record(id).integration, Object.entries(this.vault.getConfigSecrets(id)))
  }

  /** The name shown in lists and history, without touching the vault. */
  nameOf(id: string): string | undefined {
    return this.find(id)?.integration.name
  }

  exists(id: string): boolean {
    return this.find(id) !== undefined
  }

  tokenStorage(id: string): TokenStorage {
    return this.record(id).tokenStorage
  }

  /**
   * A rotating vendor replaced the refresh token: when the integration keeps one of its own (saved
   * in Refresh token), the new one takes its place, so what the form reveals or exports still works.
   */
  replaceRefreshToken(id: string, refreshToken: string): void {
    const secrets = this.vault.getConfigSecrets(id)
    if (secrets.refreshToken === undefined || secrets.refreshToken === refreshToken) return
    this.vault.putConfigSecrets(id, { ...secrets, refreshToken })
  }

  revealSecret(id: string, path: string): string | undefined {
    return secretAt(this.vault.getConfigSecrets(this.record(id).id), path)
  }

  save(request: SaveIntegrationRequest): EditableIntegration {
    const integration = parseIntegration(request.integration)
    const existing = request.id ? this.find(request.id) : undefined
    const id = existing?.id ?? request.id ?? randomUUID()
    const typed = collectSecrets(integration)
    const kept = existing ? this.vault.getConfigSecrets(id) : {}
    const secrets: Record<string, string> = {}
    for (const path of request.keepSecrets ?? []) {
      const value = secretAt(kept, path)
      if (value !== undefined && !typed.has(path)) secrets[path] = value
    }
    for (const [path, value] of typed) secrets[path] = value
    const timestamp = this.now().toISOString()
    const record: StoredRecord = {
      id,
      integration: withoutSecrets(integration, typed.keys()),
      tokenStorage: request.tokenStorage ?? existing?.tokenStorage ?? 'session',
      createdAt: existing?.createdAt ?? timestamp,
      updatedAt: timestamp,
    }
    // Secrets first: if writing them fails, the integration file is not left pointing at nothing.
    this.vault.putConfigSecrets(id, secrets)
    this.writeRecords((records) => ({ ...records, [id]: record }))
    return this.getForEditing(id)
  }

  duplicate(id: string): EditableIntegration {
    const source = this.getWithSecrets(id)
    const record = this.record(id)
    return this.save({
      integration: { ...source, name: `${source.name ?? 'Integration'} (copy)` },
      tokenStorage: record.tokenStorage,
    })
  }

  /** Deletes, keeping the integration and its secrets in memory so the user can undo this session. */
  delete(id: string): void {
    const record = this.record(id)
    this.trash.set(id, { record, secrets: this.vault.getConfigSecrets(id) })
    this.writeRecords((records) => {
      const { [id]: _deleted, ...others } = records
      return others
    })
    this.vault.remove(id)
  }

  undoDelete(id: string): EditableIntegration {
    const deleted = this.trash.get(id)
    if (!deleted)
      throw new TokenDeskError(
        ERR_INTEGRATION_NOT_FOUND,
        'There is nothing to undo: that integration was not deleted in this session.',
      )
    this.trash.delete(id)
    this.vault.putConfigSecrets(id, deleted.secrets)
    this.writeRecords((records) => ({ ...records, [id]: deleted.record }))
    return this.getForEditing(id)
  }

  private record(id: string): StoredRecord {
    const record = this.find(id)
    if (!record)
      throw new TokenDeskError(
        ERR_INTEGRATION_NOT_FOUND,
        'That integration no longer exists. It may have been deleted in another window.',
        { field: 'id' },
      )
    return record
  }

  private records(): Record<string, StoredRecord> {
    return (this.store.get('integrations') as Record<string, StoredRecord> | undefined) ?? {}
  }

  /** One record by id, without copying the others (a lookup, not a scan); an id such as "constructor" finds nothing. */
  private find(id: string): StoredRecord | undefined {
    const records = this.records()
    return Object.hasOwn(records, id) ? records[id] : undefined
  }

  /** On a fresh read under the file's lock, so another process's integrations are kept. */
  private writeRecords(
    change: (records: Record<string, StoredRecord>) => Record<string, StoredRecord>,
  ): void {
    this.store.update('integrations', (current) => change({ ...(current as Record<string, StoredRecord>) }))
    // Each write rewrites the whole file: skip the second one when the version is already current.
    if (this.store.get('version') !== CURRENT_VERSION) this.store.set('version', CURRENT_VERSION)
  }
}
