/**
 * The persistence TokenDesk needs: a JSON document per file, read whole and written whole, atomically.
 * electron-store implements it in the app (platform/electronStoreAdapter.ts); `conf`, which
 * electron-store is built on, in plain Node (store/confStore.ts).
 */
export interface KeyValueStore {
  readonly path: string
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
  /**
   * Reads `key` fresh from disk under the file's lock, writes what `change` returns (undefined
   * deletes), and returns it: a read-modify-write no other process can interleave with.
   */
  update(key: string, change: (current: unknown) => unknown): unknown
}

export interface StoreFactory {
  /** Opens one store file. Throws (SyntaxError for bad JSON) when the file is unreadable. */
  open(name: string): KeyValueStore
  /** Where the file for `name` lives, so a damaged one can be moved aside. */
  pathOf(name: string): string
}
