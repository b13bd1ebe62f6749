import type { DecodedJwt, VerificationResult } from './jwt'
import type { TokenOutcome } from './token'

/** How a sign-in ended, as the renderer and the CLI see it. */
export type SignInOutcome =
  | {
      kind: 'token'
      token: TokenOutcome
      /** The ID token beside the access token, decoded and validated (OIDC Core §3.1.3.7). */
      idToken?: { decoded: DecodedJwt; verification: VerificationResult }
    }
  /** The embedded window advises the system browser instead (a provider refusing embedded sign-in). */
  | { kind: 'use-browser'; reason: string }
