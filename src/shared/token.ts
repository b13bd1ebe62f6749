import type { Diagnosis } from './diagnosis'
import type { Exchange } from './exchange'

/** A token response as the vendor sent it (all fields kept), plus the computed absolute expiry. */
export interface TokenSet {
  access_token: string
  token_type?: string
  expires_in?: number
  refresh_token?: string
  scope?: string
  id_token?: string
  /** ISO 8601, computed from expires_in at receipt; absent when the vendor gave no lifetime. */
  expires_at?: string
  [field: string]: unknown
}

export interface TokenOutcomeSuccess {
  ok: true
  token: TokenSet
  jwt: { header: Record<string, unknown>; payload: Record<string, unknown> } | null
  warnings: string[]
  /** 'cache' when a still-valid cached token was reused and nothing was sent. */
  source: 'network' | 'cache' | 'refresh'
  exchange?: Exchange
  /** The workspace environment whose variables (URLs, credentials) were used. */
  environment?: string
  /**
   * Under DPoP: the RFC 7638 thumbprint of the proof key the token was asked with, to compare with
   * the token's `cnf.jkt` (RFC 9449 §6). On a cached token: the key in use now.
   */
  dpopKeyThumbprint?: string
}

export interface TokenOutcomeFailure {
  ok: false
  diagnosis: Diagnosis
  warnings: string[]
  exchange?: Exchange
  environment?: string
}

export type TokenOutcome = TokenOutcomeSuccess | TokenOutcomeFailure

/** What the vendor says about a token: RFC 7662 introspection, or the OpenID userinfo of its user. */
export interface TokenInfoOutcome {
  ok: boolean
  /** The JSON the vendor answered (introspection: active, scope, client_id, exp…; userinfo: sub, email…). */
  claims?: Record<string, unknown>
  exchange?: Exchange
  diagnosis?: Diagnosis
}

/** RFC 8628 §3.2: what the user must do on another device, and how long they have. */
export interface DeviceAuthorization {
  /** Secret to the app: stays in main, never shown. */
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete?: string
  expiresAt: string
  intervalSeconds: number
}

/** Which of the integration's tokens a revocation is about (RFC 7009). */
export type RevokedToken = 'access' | 'refresh'

/** What a revocation did: which tokens the vendor revoked (and TokenDesk forgot), and why it stopped if it did. */
export interface RevokeOutcome {
  ok: boolean
  revoked: RevokedToken[]
  /** Asked for, but TokenDesk holds no such token for the integration: nothing was sent for it. */
  notHeld: RevokedToken[]
  exchanges: Exchange[]
  diagnosis?: Diagnosis
}
