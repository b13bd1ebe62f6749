import { compactVerify, errors, type JWSHeaderParameters } from 'jose'
import type { ClaimCheck, UncheckedBecause, VerificationKey } from '../../shared/jwt'
import type { Transport } from '../http/transport'
import { algNoneCheck, isUnsignedAlg } from './checks/algNone'
import { hmacStrengthCheck } from './checks/hmacStrength'
import { assertAlgFitsKeyKind } from './keys/assertAlgFitsKeyKind'
import type { Candidate } from './keys/candidate'
import { KeyProblem } from './keys/keyProblem'
import { resolveCandidates } from './keys/resolveCandidates'
import { ED448_UNSUPPORTED, usesEd448 } from './lib/ed448'
import { isHmacAlg, PUBLIC_KEY_ALGS } from './lib/algorithms'
import { messageOf } from './lib/messageOf'
import { watchKeyFetches, type KeyFetches } from './lib/watchKeyFetches'

export type SignatureOutcome = { checks: ClaimCheck[] } & (
  | { verdict: 'valid'; keyUsed: string }
  | { verdict: 'invalid' | 'unsigned' | 'unsupported'; reason: string }
  | { verdict: 'unchecked'; reason: string; uncheckedBecause: UncheckedBecause }
)

/** What this runtime's crypto can do; found out once at run time unless a caller (a test) says. */
export interface CryptoCapabilities {
  /** Electron's BoringSSL has no Ed448, and jose 6 verifies only Ed25519 for EdDSA. */
  ed448: boolean
}

/**
 * Loads the keys `key` points at and checks the signature with each until one matches. The outcome's
 * verdict keeps apart a signature that does not match (`invalid`) from keys that could not be had
 * (`unchecked`) and an algorithm this build cannot run (`unsupported`). Never throws.
 */
export async function checkSignature(
  token: string,
  header: JWSHeaderParameters,
  key: VerificationKey,
  timeoutMs: number,
  transport: Transport,
  capabilities: CryptoCapabilities,
): Promise<SignatureOutcome> {
  const alg = header.alg
  if (typeof alg !== 'string' || alg === '') {
    return unchecked('The header has no "alg", so there is no way to know how it was signed.', 'key-unusable')
  }
  if (isUnsignedAlg(alg)) {
    return {
      verdict: 'unsigned',
      reason: 'The token is unsigned (alg "none"): there is no signature to check.',
      checks: [algNoneCheck()],
    }
  }
  if (alg === 'Ed448' && !capabilities.ed448) return unsupported(ED448_UNSUPPORTED)
  if (!isHmacAlg(alg) && !PUBLIC_KEY_ALGS.has(alg)) {
    return unsupported(`TokenDesk cannot check alg "${alg}": it is not a JWS signature algorithm it knows.`)
  }
  const fetches: KeyFetches = { failed: false, bodies: [] }
  try {
    assertAlgFitsKeyKind(alg, key)
    const candidates = await resolveCandidates(key, header, timeoutMs, watchKeyFetches(transport, fetches))
    return await tryCandidates(token, alg, candidates)
  } catch (error) {
    if (!capabilities.ed448 && usesEd448(header, key, fetches.bodies)) return unsupported(ED448_UNSUPPORTED)
    if (error instanceof errors.JOSENotSupported) {
      return unsupported(`This build of TokenDesk cannot check ${alg} signatures: ${messageOf(error)}`)
    }
    const reason =
      error instanceof KeyProblem ? error.message : `The signature could not be checked: ${messageOf(error)}`
    return unchecked(reason, fetches.failed ? 'keys-unreachable' : 'key-unusable')
  }
}

const unsupported = (reason: string): SignatureOutcome => ({ verdict: 'unsupported', reason, checks: [] })

function unchecked(reason: string, because: UncheckedBecause): SignatureOutcome {
  return { verdict: 'unchecked', reason, uncheckedBecause: because, checks: [] }
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
    return { verdict: 'valid', keyUsed: candidate.label, checks }
  }
  if (candidates.length === 0)
    return unchecked('No usable key was found to check the signature with.', 'key-unusable')
  return { verdict: 'invalid', reason: candidates[0]!.mismatch, checks: [] }
}
