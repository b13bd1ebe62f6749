import { calculateJwkThumbprint } from 'jose'
import type { DpopKey } from './proofKey'

/** RFC 7638 SHA-256 thumbprint of the proof key: what a bound token's `cnf.jkt` holds (RFC 9449 §6.1). */
export function dpopKeyThumbprint(key: DpopKey): Promise<string> {
  return calculateJwkThumbprint(key.publicJwk, 'sha256')
}

/** The `cnf.jkt` of a token's claims (a JWT access token's payload, or an introspection answer). */
export function boundKeyThumbprint(claims: unknown): string | undefined {
  if (typeof claims !== 'object' || claims === null) return undefined
  const cnf: unknown = Object.hasOwn(claims, 'cnf') ? (claims as { cnf: unknown }).cnf : undefined
  if (typeof cnf !== 'object' || cnf === null || !Object.hasOwn(cnf, 'jkt')) return undefined
  const jkt: unknown = (cnf as { jkt: unknown }).jkt
  return typeof jkt === 'string' ? jkt : undefined
}
