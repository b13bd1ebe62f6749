import type { Integration } from '../../shared/integration'
import type { TokenStorage } from '../../shared/storedIntegration'

/** One integration in integrations.json: the configuration without secret values. */
export interface StoredRecord {
  id: string
  integration: Integration
  tokenStorage: TokenStorage
  createdAt: string
  updatedAt: string
}

export type Migration = (integrations: unknown) => unknown

/** The format of integrations.json. Version 1 is the first saved format. */
export const CURRENT_VERSION = 1

/**
 * MIGRATIONS[N] takes the file's integrations from version N to N+1. Empty while only version 1 has
 * ever been written; a format change adds its step here and bumps CURRENT_VERSION.
 */
export const MIGRATIONS: Record<number, Migration> = {}

export function migrateIntegrationsFile(
  file: { version: unknown; integrations: unknown },
  migrations: Record<number, Migration> = MIGRATIONS,
  currentVersion = CURRENT_VERSION,
): { integrations: Record<string, StoredRecord>; changed: boolean } {
  if (file.integrations === undefined) return { integrations: {}, changed: false }
  let version = typeof file.version === 'number' ? file.version : 1
  if (version > currentVersion) {
    throw new Error(
      `integrations.json was written by a newer TokenDesk (format ${version}). Update TokenDesk to open it.`,
    )
  }
  let integrations: unknown = file.integrations
  const changed = version < currentVersion
  while (version < currentVersion) {
    const step = migrations[version]
    if (!step) throw new Error(`No migration from integrations format ${version}.`)
    integrations = step(integrations)
    version++
  }
  return { integrations: integrations as Record<string, StoredRecord>, changed }
}
