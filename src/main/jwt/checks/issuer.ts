import type { ClaimCheck } from '../../../shared/jwt'
import { equalIgnoringTrailingSlash } from '../lib/trailingSlash'

/** RFC 7519 §4.1.1: "iss" names who issued the token. */
export function issuerCheck(iss: unknown, expected: string): ClaimCheck {
  if (iss === undefined) {
    return { id: 'iss', ok: false, message: `The token has no "iss" claim; expected "${expected}".` }
  }
  if (iss === expected) return { id: 'iss', ok: true, message: `Issued by ${expected}, as expected.` }
  const slashOnly = typeof iss === 'string' && equalIgnoringTrailingSlash(iss, expected)
  return {
    id: 'iss',
    ok: false,
    message: slashOnly
      ? `The token says "${iss}", expected "${expected}": they differ only by a trailing slash, and issuers are compared character for character.`
      : `Issued by ${JSON.stringify(iss)}, not by "${expected}". The token may come from another tenant, realm or environment.`,
  }
}
