/**
 * Names of headers, form fields, query parameters and JSON fields whose values are secrets. Their
 * values are masked in every view, record, export and curl copy unless the user reveals them.
 */
const SECRET_WORDS = /secret|password|passwd|assertion|api[-_]?key|subscription[-_]?key|private[-_]?key/i
const SECRET_EXACT =
  /^(access_token|refresh_token|id_token|_bearer_token|bearer_token|token|code|device_code|code_verifier|subject_token|actor_token|pin|authorization|proxy-authorization|cookie|set-cookie|x-auth-token|x-access-token)$/i

/** Names that contain a secret word but hold a fixed, public value (RFC 7521 §4.2). */
const PUBLIC_EXACT = /^(client_assertion_type)$/i

export function isSecretName(name: string): boolean {
  return !PUBLIC_EXACT.test(name) && (SECRET_WORDS.test(name) || SECRET_EXACT.test(name))
}

/** What a masked value is shown as. Fixed length, so it reveals nothing about the secret. */
export const MASKED = '••••••'
