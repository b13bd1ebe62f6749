import type { ClaimCheck } from '../../../shared/jwt'

/** RFC 7518 §3.6: alg "none" marks an unsecured JWS. Compared without case, so "None" and "NONE" count too. */
export function isUnsignedAlg(alg: string): boolean {
  return alg.toLowerCase() === 'none'
}

export function algNoneCheck(): ClaimCheck {
  return {
    id: 'alg-none',
    ok: false,
    message:
      'alg is "none": anyone could have written this token. A server must never accept it, whatever its claims say.',
  }
}
