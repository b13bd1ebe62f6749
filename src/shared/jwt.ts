/** What the inspector shows for a decoded JWT. Produced in main, rendered by the renderer and the CLI. */
export interface ClaimTime {
  claim: 'exp' | 'iat' | 'nbf' | 'auth_time'
  /** Seconds since the epoch, as in the token. */
  epochSeconds: number
  /** ISO 8601, UTC. The renderer formats it in the user's locale and zone. */
  iso: string
}

export interface DecodedJwt {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  times: ClaimTime[]
  /** Length in bytes of the signature part; 0 for an unsecured (alg "none") token. */
  signatureBytes: number
  /** RFC 7518 §3.6: the header says alg "none" (any case), so nothing vouches for the claims. */
  unsigned: boolean
  /** When the paste was a token response or an Authorization header: which token was taken out of it. */
  extracted?: 'access_token' | 'id_token' | 'authorization-header'
  warnings: string[]
}

/** Where the key to check a signature comes from. */
export type VerificationKey =
  | { kind: 'jwks'; url: string }
  | { kind: 'issuer'; issuer: string }
  | { kind: 'pem'; text: string }
  | { kind: 'jwk'; text: string }
  | { kind: 'hmac'; secret: string }

/** What the token should say, to compare with what it does say. */
export interface ExpectedClaims {
  issuer?: string
  audience?: string
  scope?: string[]
}

export interface ClaimCheck {
  /** Stable id, e.g. "signature", "exp", "nbf", "aud", "scope", "alg-none", "weak-hmac". */
  id: string
  ok: boolean
  message: string
  /** ISO 8601, UTC: the time the message is about (exp, nbf, iat); the renderer shows it in local time. */
  at?: string
}

/**
 * What the signature check concluded. Only `invalid` says the token is bad: keys were loaded and the
 * signature matches none of them. `unchecked` means the keys could not be had (unreachable, or not
 * usable for this token) and says nothing about the token; `unsupported` means this build cannot run
 * the algorithm; `unsigned` is alg "none".
 */
export type SignatureVerdict = 'valid' | 'invalid' | 'unchecked' | 'unsigned' | 'unsupported'

/** For `unchecked`: the key set could not be fetched (network, HTTP status, size cap) or not used. */
export type UncheckedBecause = 'keys-unreachable' | 'key-unusable'

export interface VerificationResult {
  /** True when the signature checks out with the given key (verdict "valid"). */
  valid: boolean
  verdict: SignatureVerdict
  uncheckedBecause?: UncheckedBecause
  /** Why not, in words, when it is not. */
  reason?: string
  alg?: string
  kid?: string
  /** Which key verified it, e.g. "kid test-key-1 from https://…/jwks". */
  keyUsed?: string
  checks: ClaimCheck[]
  /** Seconds between our clock and the token's iat, when iat is in the future. */
  clockSkewSeconds?: number
}
