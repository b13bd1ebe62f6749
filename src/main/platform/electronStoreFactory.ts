import ElectronStore from 'electron-store'
import { join } from 'node:path'
import type { KeyValueStore, StoreFactory } from '../store/keyValueStore'

/** Store files in the user-data folder via electron-store (conf underneath: atomic writes, JSON). */
export function electronStoreFactory(userDataDirectory: string): StoreFactory {
  return {
    pathOf: (name) => join(userDataDirectory, `${name}.json`),
    open: (name): KeyValueStore => {
      const store = new ElectronStore<Record<string, unknown>>({
        name,
        cwd: userDataDirectory,
        clearInvalidConfig: false,
        watch: false,
        accessPropertiesByDotNotation: false,
      })
      void store.store // read now: a damaged file is found at start-up
      return {
        path: store.path,
        get: (key) => store.get(key),
        set: (key, value) => store.set(key, value),
        delete: (key) => store.delete(key),
      }
    },
  }
}
