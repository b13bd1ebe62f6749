/**
 * Names of headers, form fields, query parameters and JSON fields whose values are secrets. Their
 * values are masked in every view, record, export and curl copy unless the user reveals them.
 */
const SECRET_WORDS = /secret|password|passwd|assertion|api[-_]?key|subscription[-_]?key|private[-_]?key/i

/** Compared without case, "-" or "_", so `refreshToken`, `Refresh-Token` and `refresh_token` are one name. */
const SECRET_EXACT = new Set([
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'bearertoken',
  'token',
  'code',
  'devicecode',
  'codeverifier',
  'subjecttoken',
  'actortoken',
  'pin',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xauthtoken',
  'xaccesstoken',
])

/** Names that contain a secret word but hold a fixed, public value (RFC 7521 §4.2). */
const PUBLIC_EXACT = new Set(['clientassertiontype'])

/** Longer names are not field names; they are not looked at (and cost nothing to refuse). */
const MAX_NAME_LENGTH = 200

export function isSecretName(name: string): boolean {
  if (name.length > MAX_NAME_LENGTH) return false
  const bare = name.toLowerCase().replace(/[-_]/g, '')
  return !PUBLIC_EXACT.has(bare) && (SECRET_EXACT.has(bare) || SECRET_WORDS.test(name))
}

/** What a masked value is shown as. Fixed length, so it reveals nothing about the secret. */
export const MASKED = '••••••'
