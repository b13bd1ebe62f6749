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
  warnings: string[]
}
