import { createHash } from 'node:crypto'
import type { ClaimCheck, VerificationKey, VerificationResult } from '../../../shared/jwt'
import { tryDecodeJwt } from '../../jwt/decode'
import { verifyToken } from '../../jwt/verify'

export interface IdTokenExpectations {
  /** The provider's issuer (from discovery or the integration). */
  issuer?: string
  jwksUrl?: string
  clientId: string
  /** The nonce sent on the authorize request. */
  nonce?: string
  /** The access token and code issued with it, for at_hash and c_hash. */
  accessToken?: string
  code?: string
  timeoutMs?: number
}

/**
 * OpenID Connect Core §3.1.3.7: the ID token's signature against the issuer's keys, `iss`, `aud` (and
 * `azp` when there are several audiences), `exp`, the nonce sent, and `at_hash` / `c_hash` when the
 * token carries them. Every check is reported; none hides another.
 */
export async function validateIdToken(
  idToken: string,
  expected: IdTokenExpectations,
): Promise<VerificationResult> {
  const key: VerificationKey | undefined = expected.jwksUrl
    ? { kind: 'jwks', url: expected.jwksUrl }
    : expected.issuer
      ? { kind: 'issuer', issuer: expected.issuer }
      : undefined
  const payload = tryDecodeJwt(idToken)?.payload ?? {}
  const base: VerificationResult = key
    ? await verifyToken(
        idToken,
        key,
        { issuer: expected.issuer, audience: expected.clientId },
        {
          timeoutMs: expected.timeoutMs,
        },
      )
    : {
        valid: false,
        verdict: 'unchecked' as const,
        uncheckedBecause: 'key-unusable' as const,
        reason: 'No issuer or key set is known, so the signature was not checked.',
        checks: [],
      }
  const alg = typeof base.alg === 'string' ? base.alg : undefined
  const checks: ClaimCheck[] = [...base.checks]
  if (expected.nonce !== undefined) checks.push(nonceCheck(payload['nonce'], expected.nonce))
  const aud = payload['aud']
  if (Array.isArray(aud) && aud.length > 1)
    checks.push({
      id: 'azp',
      ok: payload['azp'] === expected.clientId,
      message:
        payload['azp'] === expected.clientId
          ? 'azp names this client (the token has several audiences).'
          : `The token has several audiences and its azp (${String(payload['azp'] ?? 'none')}) is not this client.`,
    })
  if (typeof payload['at_hash'] === 'string' && expected.accessToken)
    checks.push(hashCheck('at_hash', payload['at_hash'], expected.accessToken, alg, 'access token'))
  if (typeof payload['c_hash'] === 'string' && expected.code)
    checks.push(hashCheck('c_hash', payload['c_hash'], expected.code, alg, 'code'))
  return { ...base, checks }
}

function nonceCheck(nonce: unknown, expected: string): ClaimCheck {
  if (nonce === undefined)
    return { id: 'nonce', ok: false, message: 'The ID token carries no nonce, though one was sent.' }
  return nonce === expected
    ? { id: 'nonce', ok: true, message: 'nonce matches the one sent with this sign-in.' }
    : {
        id: 'nonce',
        ok: false,
        message: 'The nonce is not the one sent: this ID token belongs to another sign-in.',
      }
}

/** §3.1.3.6 / §3.3.2.11: base64url of the left half of the hash (SHA-2 of the alg's size) of the value. */
function hashCheck(
  id: string,
  claimed: string,
  value: string,
  alg: string | undefined,
  what: string,
): ClaimCheck {
  const bits = alg && /(256|384|512)$/.exec(alg)?.[1]
  const hash = bits === '384' ? 'sha384' : bits === '512' ? 'sha512' : 'sha256'
  const digest = createHash(hash).update(value, 'ascii').digest()
  const expected = digest.subarray(0, digest.length / 2).toString('base64url')
  return expected === claimed
    ? { id, ok: true, message: `${id} matches the ${what} issued with it.` }
    : { id, ok: false, message: `${id} does not match the ${what}: the two were not issued together.` }
}
