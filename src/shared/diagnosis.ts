import type { NetworkErrorKind } from './exchange'

/** A likely cause and what to change, in words for support staff. `code` is stable for tests and docs. */
export interface Hint {
  code: string
  message: string
  /** The form field the hint is about (`clientAuth`, `clientSecret`…), so the screen can offer "Show me". */
  field?: string
}

/** Why a call failed, for people: the summary first, then hints, with the evidence it was drawn from. */
export interface Diagnosis {
  kind: 'oauth-error' | 'http-error' | 'network' | 'invalid-response'
  status?: number
  /** RFC 6749 §5.2 `error`, when the server sent one. */
  error?: string
  errorDescription?: string
  /** Vendor-specific explanation fields (error_human_title, message, detail…), as sent. */
  vendor: Record<string, string>
  networkErrorKind?: NetworkErrorKind
  summary: string
  hints: Hint[]
  /** The workspace environment the failed request used (its URLs and credentials). */
  environment?: string
  /** Set by main when a sandbox break switch was on: the failure was made on purpose, for practice. */
  sandboxSwitch?: { id: string; label: string }
}
