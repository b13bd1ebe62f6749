import type { ClientAuthStyle } from '../../shared/integration'

/**
 * What the engine knew when it sent the request, beyond the (masked) exchange: the diagnosis reads
 * hints from it ("the secret contains + and went in a Basic header"). Holds no secret values.
 */
export interface DiagnosisContext {
  /** Token endpoint call or a call to the vendor's API with the token. */
  purpose: 'token' | 'api'
  grant: string
  clientAuth: ClientAuthStyle
  /** True when `basicAuth` replaced the client's credentials in the Basic header (SkyKick). */
  basicAuthOverride: boolean
  /** Characters of the client secret (or basicAuth password) that change meaning unencoded: + & = % / space, non-ASCII. */
  secretSpecialChars: string[]
  /** Whether the secret looks pasted with surrounding quotes or spaces. */
  secretLooksPasted: boolean
  requestedScopes: string[]
  scopeSeparator: ' ' | ','
  redirectUri?: string
  /** The preset the integration came from, and what that vendor documents. */
  preset?: {
    id: string
    name: string
    scopeSeparator?: ' ' | ','
    /** Header names the vendor requires on the token call, lower-case (e.g. x-api-key). */
    requiredTokenHeaders?: string[]
  }
  /** Lower-case names of the headers actually sent. */
  sentHeaderNames: string[]
  /** Seconds the vendor's clock (response Date header) is ahead of ours; negative when behind. */
  clockSkewSeconds?: number
  /** For API calls: the token's nbf, exp (epoch seconds) when it is a JWT. */
  tokenTimes?: { nbf?: number; exp?: number }
  /** For API calls: the scopes the token was granted (token response `scope`, else the JWT's scope/scp), when known. */
  grantedScopes?: string[]
  /** How many token requests this integration made in the last minute (rate-limit hints). */
  recentTokenRequests?: number
  /** For a refresh_token request: what TokenDesk knows of the refresh token sent (dates only, never the token). */
  refreshTokenFate?: RefreshTokenFate
}

/** A refresh token's story: the newest one received, or one replaced by rotation or refused before. */
export type RefreshTokenFate =
  { fate: 'current'; receivedAt: string } | { fate: 'replaced' | 'refused' | 'revoked'; at: string }
