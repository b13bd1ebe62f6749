import type { z } from 'zod'

/** One IPC call: the schema main validates its input with, and the type of what it returns. */
export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input
  /** Phantom: carries the output type only; never read at run time. */
  output?: Output
}

/** Curried so the output type is written and the input type is inferred: `defineCall<Out>()(schema)`. */
export const defineCall =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input })
