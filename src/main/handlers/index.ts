import type { Handlers } from './handlerType'
import { decodeToken } from '../jwt/decode'
import { verifyToken } from '../jwt/verify'
import { presets } from '../presets'
import type { AppServices } from '../services'
import { discoveryHandlers } from './discoveryHandlers'
import { integrationHandlers } from './integrationHandlers'
import { sandboxHandlers } from './sandboxHandlers'
import { tokenHandlers } from './tokenHandlers'
import { workspaceHandlers } from './workspaceHandlers'

export type { Handlers }

/** Everything platform-specific main needs, injected so handlers run in plain Node under test. */
export interface MainDeps {
  appVersion: string
  platform: string
  services: AppServices
}

/** One handler per contract call. Inputs arrive already validated by `dispatchCall`. */
export function createHandlers(deps: MainDeps): Handlers {
  const { services } = deps
  return {
    'app.info': () => ({ name: 'TokenDesk', version: deps.appVersion, platform: deps.platform }),
    'app.storageStatus': () => services.storageStatus(),
    'app.allowWeakEncryption': ({ allow }) => services.allowWeakEncryption(allow),
    'jwt.decode': ({ token }) => decodeToken(token),
    'jwt.verify': ({ token, key, expected }) =>
      verifyToken(token, key, expected, { transport: services.transport }),
    'presets.list': () => [...presets],
    ...integrationHandlers(services),
    ...tokenHandlers(services),
    ...workspaceHandlers(services),
    ...sandboxHandlers(services),
    ...discoveryHandlers(services),
    'history.list': (query) => services.history.list(query),
    'history.clear': () => {
      services.history.clear()
      return null
    },
  }
}
