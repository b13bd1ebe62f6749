import type { CallName, CallOutput, ParsedCallInput } from '../../shared/ipc/contract'

/** One handler per contract call; inputs arrive already validated by `dispatchCall`. */
export type Handlers = {
  [K in CallName]: (input: ParsedCallInput<K>) => Promise<CallOutput<K>> | CallOutput<K>
}
