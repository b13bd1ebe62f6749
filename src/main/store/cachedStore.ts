import type { KeyValueStore } from './keyValueStore'

/** What conf and electron-store (built on conf) both offer. */
export interface ConfLike {
  readonly path: string
  readonly store: Record<string, unknown>
  set(key: string, value: unknown): void
  delete(key: string): void
}

/**
 * conf re-reads and re-parses its file on every `get`. TokenDesk is the file's only writer (one
 * instance per user), so it reads once and keeps a copy; every write still goes to disk atomically.
 */
export function cachedStore(conf: ConfLike): KeyValueStore {
  const copy = new Map(Object.entries(conf.store))
  return {
    path: conf.path,
    get: (key) => copy.get(key),
    set: (key, value) => {
      conf.set(key, value)
      copy.set(key, value)
    },
    delete: (key) => {
      conf.delete(key)
      copy.delete(key)
    },
  }
}
