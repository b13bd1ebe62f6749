/**
 * Errors cross the IPC boundary as data, never as thrown objects: Electron's `invoke` keeps only the
 * message of a thrown error and drops its class and fields, so callers could not branch on `code`.
 */
export interface ErrorData {
  code: string
  message: string
  /** Which input field is wrong, when one is; forms use it to place the message. */
  field?: string
  details?: Record<string, unknown>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (error: ErrorData): Result<never> => ({ ok: false, error })
