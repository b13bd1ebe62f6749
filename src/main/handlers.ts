import type { CallName, CallOutput, ParsedCallInput } from '../shared/ipc/contract'
import { decodeToken } from './jwt/decode'

/** Everything platform-specific main needs, injected so handlers run in plain Node under test. */
export interface MainDeps {
  appVersion: string
  platform: string
}

export type Handlers = {
  [K in CallName]: (input: ParsedCallInput<K>) => Promise<CallOutput<K>> | CallOutput<K>
}

/** One handler per contract call. Inputs arrive already validated by `dispatchCall`. */
export function createHandlers(deps: MainDeps): Handlers {
  return {
    'app.info': () => ({ name: 'TokenDesk', version: deps.appVersion, platform: deps.platform }),
    'jwt.decode': ({ token }) => decodeToken(token),
  }
}
