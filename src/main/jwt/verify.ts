import type { JWSHeaderParameters } from 'jose'
import type { ClaimCheck, ExpectedClaims, VerificationKey, VerificationResult } from '../../shared/jwt'
import { nodeTransport, type Transport } from '../http/transport'
import { checkSignature, type CryptoCapabilities } from './checkSignature'
import { audienceCheck } from './checks/audience'
import { issuerCheck } from './checks/issuer'
import { keySourceChecks } from './checks/keySource'
import { scopeCheck } from './checks/scope'
import { timeChecks } from './checks/timeClaims'
import { decodeToken, normaliseToken } from './decode'
import { canCheckEd448 } from './lib/ed448'

export interface VerifyOptions {
  /** Milliseconds since the epoch, like Date.now. */
  now?: () => number
  /** For each HTTP request (discovery, JWKS). */
  timeoutMs?: number
  /** Sends the discovery and JWKS requests (the app's, with its proxy); plain Node's by default. */
  transport?: Transport
  /** What the runtime's crypto can do; probed once when not given (tests give it). */
  capabilities?: CryptoCapabilities
}

const DEFAULT_TIMEOUT_MS = 10_000

/**
 * Checks a JWS-compact token's signature with the given key, then its time claims and, when expected
 * values are given, its issuer, audience and scopes. `verdict` (and `valid`) is about the signature
 * only: an expired token with a good signature is valid and fails the "exp" check, so neither hides
 * the other.
 * Verification failures are returned, never thrown; only a token that is not a JWS throws
 * (ERR_JWT_MALFORMED, from decodeToken).
 */
export async function verifyToken(
  token: string,
  key: VerificationKey,
  expected: ExpectedClaims | undefined,
  options: VerifyOptions,
): Promise<VerificationResult> {
  const { header, payload } = decodeToken(token)
  const alg = typeof header.alg === 'string' ? header.alg : undefined
  const kid = typeof header.kid === 'string' ? header.kid : undefined
  // decodeToken has already reported the clean-up; jose needs the cleaned token too.
  const compact = normaliseToken(token, [])
  const signature = await checkSignature(
    compact,
    header as JWSHeaderParameters,
    key,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    options.transport ?? nodeTransport,
    options.capabilities ?? { ed448: await canCheckEd448() },
  )
  const valid = signature.verdict === 'valid'
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000)
  const times = timeChecks(payload, nowSeconds)
  const issuer = expected?.issuer ?? (key.kind === 'issuer' ? key.issuer : undefined)
  const checks: ClaimCheck[] = [
    {
      id: 'signature',
      ok: valid,
      message: valid ? `Signature verified with ${signature.keyUsed}.` : signature.reason,
    },
    ...signature.checks,
    ...keySourceChecks(key),
    ...times.checks,
    ...(issuer !== undefined ? [issuerCheck(payload.iss, issuer)] : []),
    ...(expected?.audience ? [audienceCheck(payload.aud, expected.audience)] : []),
    ...(expected?.scope?.length ? [scopeCheck(payload, expected.scope)] : []),
  ]
  return {
    valid,
    verdict: signature.verdict,
    ...(signature.verdict === 'valid' ? { keyUsed: signature.keyUsed } : { reason: signature.reason }),
    ...(signature.verdict === 'unchecked' ? { uncheckedBecause: signature.uncheckedBecause } : {}),
    ...(alg !== undefined ? { alg } : {}),
    ...(kid !== undefined ? { kid } : {}),
    checks,
    ...(times.clockSkewSeconds !== undefined ? { clockSkewSeconds: times.clockSkewSeconds } : {}),
  }
}
