import { randomBytes } from 'node:crypto'
import { History } from '../../src/main/store/history'
import { confStoreFactory } from '../../src/main/store/confStore'
import { IntegrationRepository } from '../../src/main/store/integrationRepository'
import type { KeyValueStore } from '../../src/main/store/keyValueStore'
import { createAesGcmCipher } from '../../src/main/vault/aesGcmCipher'
import { Vault } from '../../src/main/vault/vault'
import { Workspaces } from '../../src/main/workspace/workspaces'
import { join } from 'node:path'
import type { Exchange } from '../../src/shared/exchange'
import type { Integration } from '../../src/shared/integration'

export const cipher = createAesGcmCipher(randomBytes(32), 'os', 'bench AES-256-GCM')

/** Writes `count` history entries into the history file of a user-data folder. */
export function seedHistory(directory: string, count: number): void {
  const history = new History(confStoreFactory(directory).open('history'), count)
  for (let index = 0; index < count; index++)
    history.add(sampleExchange(index), { integrationName: `Vendor ${index % 40}` })
  history.flush()
}

/** Writes the files a library of `count` integrations leaves (workspace files, vault), through the repository itself. */
export function seedIntegrations(directory: string, count: number): void {
  const preferences = memoryStore()
  const vaultMemory = memoryStore()
  const repository = new IntegrationRepository(
    new Workspaces(join(directory, 'workspace'), preferences, { watch: false }),
    new Vault(vaultMemory, cipher, { weakAllowed: () => false }),
    preferences,
  )
  for (let index = 0; index < count; index++) repository.save({ integration: sampleIntegration(index) })
  const stores = confStoreFactory(directory)
  copy(preferences, stores.open('settings'))
  copy(vaultMemory, stores.open('vault'))
}

export function sampleIntegration(index: number): Integration {
  return {
    name: `Integration ${index}`,
    grant: 'client_credentials',
    tokenUrl: `https://vendor-${index}.test/oauth/token`,
    clientId: `client-${index}`,
    clientSecret: `secret-${index}-${'s'.repeat(24)}`,
    clientAuth: 'basic',
    scope: ['read', 'write'],
    tokenRequest: { headers: { 'x-api-key': `key-${index}` } },
  }
}

export function sampleExchange(index: number): Exchange {
  return {
    id: `exchange-${index}`,
    purpose: 'api',
    startedAt: new Date(1_700_000_000_000 + index * 1000).toISOString(),
    durationMs: 12,
    request: {
      method: 'GET',
      url: `https://api.vendor.test/items/${index}`,
      headers: [['Authorization', 'Bearer ••••••']],
      body: null,
    },
    response: {
      status: index % 10 ? 200 : 401,
      statusText: index % 10 ? 'OK' : 'Unauthorized',
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify({ id: index, name: `item ${index}`, tags: ['a', 'b'] }),
      truncated: false,
    },
  }
}

export function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>()
  return {
    path: 'memory',
    data,
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, structuredClone(value)),
    delete: (key) => void data.delete(key),
    update: (key, change) => {
      const next = change(data.get(key))
      data.set(key, structuredClone(next))
      return next
    },
  }
}

export function copy(from: { data: Map<string, unknown> }, to: KeyValueStore): void {
  for (const [key, value] of from.data) to.set(key, value)
}
