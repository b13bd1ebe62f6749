import { base64url } from 'jose'
import type { Candidate } from './candidate'

/** The secret as typed, and, when it reads as base64, its decoded bytes too. */
export function hmacSecretCandidates(secret: string): Candidate[] {
  const bytes = new TextEncoder().encode(secret)
  const spaces =
    secret !== secret.trim() ? ' The secret starts or ends with a space or line break: check it.' : ''
  const candidates: Candidate[] = [
    {
      key: bytes,
      label: `the shared secret (${bytes.byteLength} bytes)`,
      mismatch: `The signature does not match this secret: the token was signed with another secret, or changed after signing.${spaces}`,
      secretText: secret,
    },
  ]
  // Some providers show the secret base64-encoded and sign with the decoded bytes; try that reading too.
  const decoded = decodeBase64(secret.trim())
  if (decoded && decoded.byteLength >= 16) {
    candidates.push({
      key: decoded,
      label: `the shared secret read as base64 (${decoded.byteLength} bytes)`,
      mismatch: candidates[0]!.mismatch,
      secretText: secret,
    })
  }
  return candidates
}

/** Accepts both alphabets (RFC 4648 §4 and §5), padded or not. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(text)) return undefined
  try {
    return base64url.decode(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
  } catch {
    return undefined
  }
}
