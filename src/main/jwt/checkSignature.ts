import { compactVerify, errors, type JWSHeaderParameters } from 'jose'
import type { ClaimCheck, VerificationKey } from '../../shared/jwt'
import type { Transport } from '../http/transport'
import { algNoneCheck, isUnsignedAlg } from './checks/algNone'
import { hmacStrengthCheck } from './checks/hmacStrength'
import { assertAlgFitsKeyKind } from './keys/assertAlgFitsKeyKind'
import type { Candidate } from './keys/candidate'
import { KeyProblem } from './keys/keyProblem'
import { resolveCandidates } from './keys/resolveCandidates'
import { messageOf } from './lib/messageOf'

export type SignatureOutcome = { checks: ClaimCheck[] } & (
  { valid: true; keyUsed: string } | { valid: false; reason: string }
)

/**
 * Loads the keys `key` points at and checks the signature with each until one matches. Failures are
 * returned as `reason`, never thrown, with the checks the signature alone can tell (alg-none, weak-hmac).
 */
export async function checkSignature(
  token: string,
  header: JWSHeaderParameters,
  key: VerificationKey,
  timeoutMs: number,
  transport: Transport,
): Promise<SignatureOutcome> {
  const alg = header.alg
  if (typeof alg !== 'string' || alg === '') {
    return invalid('The header has no "alg", so there is no way to know how it was signed.')
  }
  if (isUnsignedAlg(alg)) {
    return invalid('The token is unsigned (alg "none"): there is no signature to check.', [algNoneCheck()])
  }
  try {
    assertAlgFitsKeyKind(alg, key)
    const candidates = await resolveCandidates(key, header, timeoutMs, transport)
    return await tryCandidates(token, alg, candidates)
  } catch (error) {
    if (error instanceof KeyProblem) return invalid(error.message)
    return invalid(`The signature could not be checked: ${messageOf(error)}`)
  }
}

function invalid(reason: string, checks: ClaimCheck[] = []): SignatureOutcome {
  return { valid: false, reason, checks }
}

async function tryCandidates(token: string, alg: string, candidates: Candidate[]): Promise<SignatureOutcome> {
  for (const candidate of candidates) {
    try {
      await compactVerify(token, candidate.key, { algorithms: [alg] })
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue
      throw error
    }
    const checks = candidate.key instanceof Uint8Array ? [hmacStrengthCheck(alg, candidate)] : []
    return { valid: true, keyUsed: candidate.label, checks }
  }
  return invalid(candidates[0]?.mismatch ?? 'No usable key was found to check the signature with.')
}
