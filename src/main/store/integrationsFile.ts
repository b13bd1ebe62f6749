import type { Integration } from '../../shared/integration'
import type { TokenStorage } from '../../shared/storedIntegration'
import type { ShapeCheck } from './openRecovering'

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

/**
 * integrations.json as TokenDesk writes it: `integrations` maps ids to records. Records of another
 * shape are dropped and the others kept; the file's original goes aside so nothing is lost.
 */
export const checkIntegrationsFile: ShapeCheck = (read) => {
  const integrations = read('integrations')
  const version = read('version')
  if (version !== undefined && typeof version !== 'number')
    return { reason: '"version" is not a number', kept: {}, what: 'no integrations' }
  if (integrations === undefined) return undefined
  // Files of a newer format are refused by the migration with an "update TokenDesk" message instead.
  if (typeof version === 'number' && version > CURRENT_VERSION) return undefined
  if (!isObject(integrations))
    return { reason: '"integrations" is not a list of integrations', kept: {}, what: 'no integrations' }
  const good = Object.entries(integrations).filter(([id, record]) => isStoredRecord(id, record))
  const total = Object.keys(integrations).length
  if (good.length === total) return undefined
  return {
    reason: `${total - good.length} of ${total} integrations were not in the form TokenDesk writes`,
    kept: { version: version ?? CURRENT_VERSION, integrations: Object.fromEntries(good) },
    what: `the other ${good.length}`,
  }
}

function isStoredRecord(id: string, record: unknown): record is StoredRecord {
  if (!isObject(record)) return false
  const { integration, tokenStorage, createdAt, updatedAt } = record
  return (
    record.id === id &&
    isObject(integration) &&
    typeof integration.grant === 'string' &&
    (integration.name === undefined || typeof integration.name === 'string') &&
    (tokenStorage === 'disk' || tokenStorage === 'session') &&
    typeof createdAt === 'string' &&
    typeof updatedAt === 'string'
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
