import { statSync } from 'node:fs'
import { withFileLock } from './fileLock'
import type { KeyValueStore } from './keyValueStore'

/** What conf and electron-store (built on conf) both offer. */
export interface ConfLike {
  readonly path: string
  store: Record<string, unknown>
  set(key: string, value: unknown): void
  delete(key: string): void
}

/**
 * conf re-reads and re-parses its file on every `get`. This keeps a parsed copy and re-reads only
 * when the file changed on disk (another process wrote it: conf writes a new file and renames it, so
 * its inode changes). Every write runs under the file's lock on a fresh read, so two processes
 * sharing a folder write in turn and neither loses the other's change.
 */
export function cachedStore(conf: ConfLike): KeyValueStore {
  let copy = new Map(Object.entries(conf.store))
  let seen = stampOf(conf.path)
  const reload = (): void => {
    copy = new Map(Object.entries(conf.store))
    seen = stampOf(conf.path)
  }
  const update = (key: string, change: (current: unknown) => unknown): unknown =>
    withFileLock(conf.path, () => {
      // Under the lock no one else writes, so the parsed copy is the file unless it changed since it
      // was read: read it again only then (a 50,000-entry history is tens of megabytes).
      if (stampOf(conf.path) !== seen) reload()
      const current: Record<string, unknown> = Object.fromEntries(copy)
      const next = change(current[key])
      if (next === undefined) delete current[key]
      else current[key] = next
      // One whole-file write (conf: temp file, fsync, rename); conf.set would read and parse the file twice more.
      conf.store = current
      // What a fresh read would give back (JSON drops undefined fields), without reading it.
      copy = new Map(Object.entries(JSON.parse(JSON.stringify(current)) as Record<string, unknown>))
      seen = stampOf(conf.path)
      return next
    })
  return {
    path: conf.path,
    get: (key) => {
      if (stampOf(conf.path) !== seen) reload()
      return copy.get(key)
    },
    update,
    set: (key, value) => void update(key, () => value),
    delete: (key) => void update(key, () => undefined),
  }
}

/** Changes whenever the file is replaced or rewritten; cheap next to reading and parsing it. */
function stampOf(path: string): string {
  try {
    const { ino, mtimeMs, size } = statSync(path)
    return `${ino}:${mtimeMs}:${size}`
  } catch {
    return 'missing'
  }
}
