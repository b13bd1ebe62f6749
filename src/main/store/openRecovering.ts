import { existsSync, renameSync } from 'node:fs'
import type { KeyValueStore, StoreFactory } from './keyValueStore'

/** Told to the user at start-up: what was damaged, where the copy is, and that the rest is intact. */
export interface RecoveryNotice {
  store: string
  movedTo: string
  reason: string
}

/**
 * Opens a store; when its file is damaged (truncated mid-write, garbage), moves it aside with a
 * timestamp and starts that one store empty. Other stores are separate files and are not touched.
 */
export function openRecovering(
  factory: StoreFactory,
  name: string,
  now: () => Date,
  notices: RecoveryNotice[],
): KeyValueStore {
  try {
    return factory.open(name)
  } catch (error) {
    const path = factory.pathOf(name)
    if (!existsSync(path)) throw error
    const movedTo = `${path}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`
    renameSync(path, movedTo)
    notices.push({
      store: name,
      movedTo,
      reason:
        error instanceof SyntaxError ? 'not valid JSON (cut off or overwritten)' : (error as Error).message,
    })
    return factory.open(name)
  }
}
