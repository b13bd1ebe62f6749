import { ERR_INTERNAL, ERR_INVALID_INPUT, ERR_UNKNOWN_CALL } from '../shared/errorCodes'
import { contract, type CallName } from '../shared/ipc/contract'
import { fail, ok, type Result } from '../shared/result'
import { TokenDeskError } from './errors'
import type { Handlers } from './handlers'

export type Logger = (message: string) => void

/**
 * The main-process boundary: validate the input with the contract's schema, run the handler, and turn
 * every outcome into a `Result`. Unexpected errors are logged by code only (never with their input,
 * which may hold secrets) and reach the renderer as a generic ERR_INTERNAL.
 */
export async function dispatchCall(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  log: Logger = () => {},
): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, name)) {
    return fail({ code: ERR_UNKNOWN_CALL, message: `There is no call named "${name}".` })
  }
  const callName = name as CallName
  const parsed = contract[callName].input.safeParse(rawInput)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || undefined
    return fail({ code: ERR_INVALID_INPUT, message: issue?.message ?? 'Invalid input.', field })
  }
  try {
    const handler = handlers[callName] as (input: unknown) => unknown
    return ok(await handler(parsed.data))
  } catch (error) {
    if (error instanceof TokenDeskError) return fail(error.toData())
    log(`[${callName}] unexpected ${error instanceof Error ? error.name : typeof error}`)
    return fail({
      code: ERR_INTERNAL,
      message: 'Something went wrong inside TokenDesk. The request was not completed.',
    })
  }
}
