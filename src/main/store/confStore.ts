import Conf from 'conf'
import { join } from 'node:path'
import type { KeyValueStore, StoreFactory } from './keyValueStore'

/**
 * Store files in `directory` with conf: atomic writes (temp file, fsync, rename), JSON, no schema
 * magic. clearInvalidConfig is off so a damaged file reaches our recovery instead of being wiped.
 */
export function confStoreFactory(directory: string): StoreFactory {
  return {
    pathOf: (name) => join(directory, `${name}.json`),
    open: (name) => {
      const conf = new Conf<Record<string, unknown>>({
        cwd: directory,
        configName: name,
        projectName: 'tokendesk',
        clearInvalidConfig: false,
        watch: false,
        accessPropertiesByDotNotation: false,
      })
      // Read once now so a damaged file is found at open time, not at the first click.
      void conf.store
      return adapt(conf)
    },
  }
}

function adapt(conf: Conf<Record<string, unknown>>): KeyValueStore {
  return {
    path: conf.path,
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  }
}
