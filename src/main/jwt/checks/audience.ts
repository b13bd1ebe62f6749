import type { ClaimCheck } from '../../../shared/jwt'
import { equalIgnoringTrailingSlash } from '../lib/trailingSlash'

/** RFC 7519 §4.1.3: "aud" is one string or an array; the expected API must be among them. */
export function audienceCheck(aud: unknown, expected: string): ClaimCheck {
  if (aud === undefined || (Array.isArray(aud) && aud.length === 0)) {
    return {
      id: 'aud',
      ok: false,
      message: `The token has no "aud" claim, so it names no API it is meant for; expected "${expected}".`,
    }
  }
  const audiences = Array.isArray(aud) ? aud : [aud]
  if (!audiences.every((audience): audience is string => typeof audience === 'string')) {
    return {
      id: 'aud',
      ok: false,
      message: `The "aud" claim is not a string or a list of strings (RFC 7519 §4.1.3), so no API can accept it; expected "${expected}".`,
    }
  }
  const listed = audiences.map((audience) => `"${audience}"`).join(', ')
  if (audiences.includes(expected)) {
    return {
      id: 'aud',
      ok: true,
      message:
        audiences.length === 1
          ? `Meant for "${expected}", as expected.`
          : `Meant for ${listed}, including "${expected}".`,
    }
  }
  const slash = audiences.some((audience) => equalIgnoringTrailingSlash(audience, expected))
    ? ' They differ only by a trailing slash, and audiences are compared character for character.'
    : ''
  return {
    id: 'aud',
    ok: false,
    message: `Meant for ${listed}, not for "${expected}": that API will refuse it. Ask for the token with the right audience or resource parameter.${slash}`,
  }
}
