import { createHash, randomBytes } from 'node:crypto'

/** RFC 7636 §4.1: 32 random bytes, base64url → 43 characters. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

/** RFC 7636 §4.2: S256 challenge. */
export const codeChallengeS256 = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url')
