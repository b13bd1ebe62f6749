import { existsSync, readFileSync, renameSync } from 'node:fs'
import type { KeyValueStore, StoreFactory } from './keyValueStore'

/** Told to the user at start-up: what was damaged, where the copy is, and what was kept. */
export interface RecoveryNotice {
  store: string
  movedTo: string
  reason: string
}

/** A store's content that parses as JSON but is not what TokenDesk writes, and what of it is still good. */
export interface ShapeProblem {
  reason: string
  /** Top-level values to start the new file with. */
  kept: Record<string, unknown>
  /** What `kept` holds, in the user's words ("3 integrations", "no secrets"). */
  what: string
}

/** Looks at a freshly opened store; undefined when its content has the expected shape. */
export type ShapeCheck = (read: (key: string) => unknown) => ShapeProblem | undefined

/**
 * Opens a store; when its file is damaged — truncated mid-write, garbage, or JSON of another shape —
 * moves it aside with a timestamp and starts that one store again with whatever was still good.
 * Nothing is emptied without a copy and a notice. Other stores are separate files and are not touched.
 */
export function openRecovering(
  factory: StoreFactory,
  name: string,
  now: () => Date,
  notices: RecoveryNotice[],
  check?: ShapeCheck,
): KeyValueStore {
  const path = factory.pathOf(name)
  const setAside = (reason: string): string => {
    const movedTo = `${path}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`
    renameSync(path, movedTo)
    notices.push({ store: name, movedTo, reason })
    return movedTo
  }
  let store: KeyValueStore
  try {
    store = factory.open(name)
  } catch (error) {
    if (!existsSync(path)) throw error
    setAside(
      error instanceof SyntaxError ? 'not valid JSON (cut off or overwritten)' : (error as Error).message,
    )
    return factory.open(name)
  }
  const problem = notAnObject(path) ?? check?.((key) => store.get(key))
  if (!problem) return store
  setAside(`${problem.reason}; kept ${problem.what}`)
  const fresh = factory.open(name)
  for (const [key, value] of Object.entries(problem.kept)) fresh.set(key, value)
  return fresh
}

/** Every store file is one JSON object; conf reads an array or a string as an object of its characters. */
function notAnObject(path: string): ShapeProblem | undefined {
  if (!existsSync(path)) return undefined
  const content: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (typeof content === 'object' && content !== null && !Array.isArray(content)) return undefined
  return { reason: 'JSON, but not the object TokenDesk writes', kept: {}, what: 'nothing' }
}
