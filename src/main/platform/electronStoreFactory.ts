import ElectronStore from 'electron-store'
import { join } from 'node:path'
import { cachedStore } from '../store/cachedStore'
import type { StoreFactory } from '../store/keyValueStore'

/** Store files in the user-data folder via electron-store (conf underneath: atomic writes, JSON). */
export function electronStoreFactory(userDataDirectory: string): StoreFactory {
  return {
    pathOf: (name) => join(userDataDirectory, `${name}.json`),
    open: (name) =>
      cachedStore(
        new ElectronStore<Record<string, unknown>>({
          name,
          cwd: userDataDirectory,
          clearInvalidConfig: false,
          watch: false,
          accessPropertiesByDotNotation: false,
        }),
      ),
  }
}
