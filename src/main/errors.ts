import type { ErrorData } from '../shared/result'

/**
 * The one error class main throws on purpose. `code` is stable (see shared/errorCodes), `field` names
 * the input at fault, `details` carries the evidence. Crossing IPC, it becomes plain `ErrorData`.
 */
export class TokenDeskError extends Error {
  readonly code: string
  readonly field?: string
  readonly details?: Record<string, unknown>

  constructor(
    code: string,
    message: string,
    options: { field?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'TokenDeskError'
    this.code = code
    this.field = options.field
    this.details = options.details
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, field: this.field, details: this.details }
  }
}
