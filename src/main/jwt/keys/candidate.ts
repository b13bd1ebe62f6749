import type { CryptoKey } from 'jose'

/** One key to try, with what to say when the signature does not match it. */
export interface Candidate {
  key: CryptoKey | Uint8Array
  label: string
  mismatch: string
  /** For HMAC keys: the text the user typed, to recognise guessable secrets. */
  secretText?: string
}
