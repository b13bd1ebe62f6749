import { ownValue } from '../../shared/own'

/**
 * The OAuth error codes a token endpoint or an API may answer with, in words for support staff.
 * `refused` completes a sentence whose subject is the vendor ("SkyKick refused the client
 * credentials"); `meaning` says what usually causes it.
 */
export interface OAuthErrorExplanation {
  refused: string
  meaning: string
  /** Where the code is defined. */
  source: string
}

const EXPLANATIONS: Record<string, OAuthErrorExplanation> = {
  invalid_request: {
    refused: 'rejected the request as incomplete or malformed',
    meaning:
      'A required parameter is missing, repeated, or has a value the server does not accept; the error description usually names it.',
    source: 'RFC 6749 §5.2',
  },
  invalid_client: {
    refused: 'refused the client credentials',
    meaning:
      'The client ID or secret is wrong, or it was sent in a way the server does not expect (Basic header or request body).',
    source: 'RFC 6749 §5.2',
  },
  invalid_grant: {
    refused: 'refused the grant',
    meaning:
      'The authorization code, refresh token or user credentials are wrong, expired, already used, or were issued for another client or redirect URI.',
    source: 'RFC 6749 §5.2',
  },
  unauthorized_client: {
    refused: 'does not allow this client to use this grant type',
    meaning: 'The client is registered, but not for this way of getting tokens.',
    source: 'RFC 6749 §5.2',
  },
  unsupported_grant_type: {
    refused: 'does not support this grant type',
    meaning: 'The token endpoint does not know or does not accept the grant_type that was sent.',
    source: 'RFC 6749 §5.2',
  },
  invalid_scope: {
    refused: 'refused the requested scope',
    meaning: 'A requested scope is unknown, misspelt, or not allowed for this client.',
    source: 'RFC 6749 §5.2',
  },
  unsupported_response_type: {
    refused: 'does not support this response type',
    meaning: 'The authorization server does not hand out codes or tokens this way.',
    source: 'RFC 6749 §4.1.2.1',
  },
  server_error: {
    refused: 'had an internal error',
    meaning: 'Something failed on the vendor’s side; it is not a configuration problem.',
    source: 'RFC 6749 §4.1.2.1',
  },
  temporarily_unavailable: {
    refused: 'is temporarily unavailable',
    meaning: 'The vendor’s server is overloaded or under maintenance; try again later.',
    source: 'RFC 6749 §4.1.2.1',
  },
  invalid_token: {
    refused: 'refused the access token',
    meaning: 'The token has expired, was revoked, is malformed, or was issued for another API.',
    source: 'RFC 6750 §3.1',
  },
  insufficient_scope: {
    refused: 'needs a scope the access token does not have',
    meaning: 'The token is valid but was not granted the scope this call requires.',
    source: 'RFC 6750 §3.1',
  },
  authorization_pending: {
    refused: 'is still waiting for the user to approve the device',
    meaning: 'Not a failure: the user has not finished signing in on the other device yet; keep polling.',
    source: 'RFC 8628 §3.5',
  },
  slow_down: {
    refused: 'asked to poll more slowly',
    meaning: 'The device is polling too often; the interval grows by 5 seconds.',
    source: 'RFC 8628 §3.5',
  },
  access_denied: {
    refused: 'reports that the user declined the request',
    meaning: 'The user (or an administrator policy) said no on the consent screen.',
    source: 'RFC 8628 §3.5, RFC 6749 §4.1.2.1',
  },
  invalid_dpop_proof: {
    refused: 'refused the DPoP proof',
    meaning:
      'The DPoP proof sent with the request is malformed, signed with an algorithm the server does not accept, names another method or URL, is too old, or was used before.',
    source: 'RFC 9449 §7.1',
  },
  use_dpop_nonce: {
    refused: 'asked for a DPoP nonce',
    meaning:
      'The server wants each DPoP proof to carry the nonce it sent in the DPoP-Nonce header; the request is sent again with it.',
    source: 'RFC 9449 §8, §9',
  },
  invalid_target: {
    refused: 'refused the requested audience or resource',
    meaning:
      'The audience or resource asked for is unknown to the server, or it will not issue this client a token for it.',
    source: 'RFC 8693 §2.2.2, RFC 8707 §2',
  },
  expired_token: {
    refused: 'reports that the device code expired',
    meaning: 'The user did not approve in time; start the device sign-in again.',
    source: 'RFC 8628 §3.5',
  },
}

/** Own keys only: a vendor's `"error": "constructor"` must not find Object's constructor. */
export function explainOAuthError(code: string): OAuthErrorExplanation | undefined {
  return ownValue(EXPLANATIONS, code.toLowerCase())
}

/**
 * RFC 6749 §5.2 error codes are short ASCII tokens (`invalid_client`). Vendors also put sentences or
 * reason phrases in `error` ("Invalid credentials", "Unauthorized"): those are explanations, not codes.
 */
export function isErrorCode(value: string): boolean {
  return /^[a-z0-9]+(?:[_.:-][a-z0-9]+)*$/.test(value) || /^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$/.test(value)
}
