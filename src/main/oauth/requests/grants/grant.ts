import type { ResolvedIntegration } from '../../../integration/resolve'

/** Values supplied at run time rather than saved: a pasted code, the PKCE verifier, a device code. */
export interface GrantInput {
  code?: string
  codeVerifier?: string
  redirectUri?: string
  refreshToken?: string
  deviceCode?: string
  /** The nonce sent on the authorize request; the ID token must carry it back (OIDC Core §3.1.3.7). */
  nonce?: string
}

export interface MissingField {
  field: string
  message: string
}

/** One grant type: what it needs, and the form parameters it sends to the token endpoint. */
export interface Grant {
  /** The grant_type value on the wire. */
  grantType: string
  missing(resolved: ResolvedIntegration, input: GrantInput): MissingField[]
  params(resolved: ResolvedIntegration, input: GrantInput): Array<[string, string]>
  /**
   * For a grant whose parameters are made anew for every request, retries included (a JWT bearer
   * assertion is signed each time: RFC 7523 §3 jti): the grant to send this attempt.
   */
  forAttempt?(resolved: ResolvedIntegration, currentDate: Date): Promise<Grant>
}

export function scopeParam(resolved: ResolvedIntegration): Array<[string, string]> {
  return resolved.scope.length ? [['scope', resolved.scope.join(resolved.scopeSeparator)]] : []
}

/** client_id is needed unless another credential identifies the caller (SkyKick's basicAuth). */
export function needsClientId(resolved: ResolvedIntegration): MissingField[] {
  return resolved.clientId || resolved.basicAuth
    ? []
    : [{ field: 'clientId', message: 'Fill in the client ID the vendor gave you.' }]
}
