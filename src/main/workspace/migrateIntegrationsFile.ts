import { existsSync, renameSync } from 'node:fs'
import { CURRENT_VERSION, migrateIntegrationsFile, type StoredRecord } from '../store/integrationsFile'
import type { KeyValueStore } from '../store/keyValueStore'
import type { Vault } from '../vault/vault'
import type { WorkspaceFolder } from './workspaceFolder'

/** What integrations.json becomes once its integrations are files of the default workspace. */
export const MIGRATED_SUFFIX = '.moved-to-workspace'

/**
 * Once: the integrations of integrations.json (the store before workspaces) become files of the
 * default workspace, under the same ids, so their secrets and tokens in the vault stay theirs. The
 * old file is kept beside, renamed, not deleted. An integration already in the workspace (a
 * migration cut short) is not written twice.
 */
export function moveIntegrationsIntoWorkspace(deps: {
  legacy: KeyValueStore
  workspace: WorkspaceFolder
  vault: Vault
  preferences: KeyValueStore
}): number {
  const { legacy, workspace, vault, preferences } = deps
  if (!existsSync(legacy.path)) return 0
  const { integrations } = migrateIntegrationsFile(
    { version: legacy.get('version'), integrations: legacy.get('integrations') },
    undefined,
    CURRENT_VERSION,
  )
  const records = Object.values(integrations) as StoredRecord[]
  const storages: Record<string, string> = {}
  let moved = 0
  for (const record of records.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    storages[record.id] = record.tokenStorage
    if (workspace.integration(record.id)) continue
    workspace.putIntegration({
      id: record.id,
      integration: record.integration,
      secretsNeeded: Object.keys(vault.getConfigSecrets(record.id)).sort(),
    })
    moved++
  }
  if (records.length)
    preferences.update('tokenStorage', (current) => ({ ...storages, ...(current as object | undefined) }))
  renameSync(legacy.path, `${legacy.path}${MIGRATED_SUFFIX}`)
  return moved
}
