/**
 * What a response processor found that makes an answer unusable, as a stable code (callers branch on
 * it, never on the words) with the evidence: the status, the OAuth error fields, the parsed body.
 */
export const RESPONSE_IS_HTML = 'OAUTH_RESPONSE_IS_HTML'
export const RESPONSE_NOT_JSON = 'OAUTH_RESPONSE_NOT_JSON'
export const MISSING_ACCESS_TOKEN = 'OAUTH_MISSING_ACCESS_TOKEN'
export const ID_TOKEN_NONCE_MISSING = 'OAUTH_ID_TOKEN_NONCE_MISSING'
export const ID_TOKEN_NONCE_MISMATCH = 'OAUTH_ID_TOKEN_NONCE_MISMATCH'
export const DEVICE_AUTHORIZATION_INCOMPLETE = 'OAUTH_DEVICE_AUTHORIZATION_INCOMPLETE'
export const PUSHED_AUTHORIZATION_INCOMPLETE = 'OAUTH_PUSHED_AUTHORIZATION_INCOMPLETE'

export const RESPONSE_PROBLEM_CODES = [
  RESPONSE_IS_HTML,
  RESPONSE_NOT_JSON,
  MISSING_ACCESS_TOKEN,
  ID_TOKEN_NONCE_MISSING,
  ID_TOKEN_NONCE_MISMATCH,
  DEVICE_AUTHORIZATION_INCOMPLETE,
  PUSHED_AUTHORIZATION_INCOMPLETE,
] as const

export type ResponseProblemCode = (typeof RESPONSE_PROBLEM_CODES)[number]

export interface ResponseProblem {
  code: ResponseProblemCode
  /** In the user's words: what is wrong with the answer. */
  message: string
  status: number
  /** RFC 6749 §5.2 fields, when the body carried them. */
  error?: string
  error_description?: string
  /** The parsed body, when it was JSON. */
  cause?: unknown
}

/** A processor's verdict: the typed value, or the problem that makes the answer unusable. */
export type Processed<T> = { ok: true; value: T } | { ok: false; problem: ResponseProblem }

export function problem(
  code: ResponseProblemCode,
  message: string,
  status: number,
  body?: Record<string, unknown>,
): { ok: false; problem: ResponseProblem } {
  const error = typeof body?.error === 'string' ? body.error : undefined
  const description = typeof body?.error_description === 'string' ? body.error_description : undefined
  return {
    ok: false,
    problem: {
      code,
      message,
      status,
      ...(error ? { error } : {}),
      ...(description ? { error_description: description } : {}),
      ...(body ? { cause: body } : {}),
    },
  }
}
