import type { Result } from '../result'
import type { CallInput, CallName, CallOutput } from './contract'

type NamespaceOf<K> = K extends `${infer Namespace}.${string}` ? Namespace : never
type MethodOf<K, Namespace extends string> = K extends `${Namespace}.${infer Method}` ? Method : never

/** The typed API the preload puts on `window.tokendesk`: one function per contract call, nested by namespace. */
export type TokenDeskApi = {
  [Namespace in NamespaceOf<CallName>]: {
    [Method in MethodOf<CallName, Namespace>]: (
      input: CallInput<`${Namespace}.${Method}` & CallName>,
    ) => Promise<Result<CallOutput<`${Namespace}.${Method}` & CallName>>>
  }
}

export type Invoke = (name: CallName, input: unknown) => Promise<unknown>

/**
 * Builds the nested API object from the call names and one transport function. It is self-contained
 * (no imports used at run time) because the Chromium test harness injects its source text into pages.
 */
export function buildBridge(
  names: readonly string[],
  invoke: (name: string, input: unknown) => Promise<unknown>,
) {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const name of names) {
    const dot = name.indexOf('.')
    const namespace = name.slice(0, dot)
    const method = name.slice(dot + 1)
    const group = (api[namespace] ??= {})
    group[method] = (input: unknown) => invoke(name, input)
  }
  for (const group of Object.values(api)) Object.freeze(group)
  return Object.freeze(api)
}
