import Conf from 'conf'
import { join } from 'node:path'
import { cachedStore } from './cachedStore'
import type { StoreFactory } from './keyValueStore'

/**
 * Store files in `directory` with conf: atomic writes (temp file, fsync, rename), JSON, no schema
 * magic. clearInvalidConfig is off so a damaged file reaches our recovery instead of being wiped.
 * Reading `store` at open finds a damaged file at start-up, not at the first click.
 */
export function confStoreFactory(directory: string): StoreFactory {
  return {
    pathOf: (name) => join(directory, `${name}.json`),
    open: (name) =>
      cachedStore(
        new Conf<Record<string, unknown>>({
          cwd: directory,
          configName: name,
          projectName: 'tokendesk',
          clearInvalidConfig: false,
          watch: false,
          accessPropertiesByDotNotation: false,
        }),
      ),
  }
}
