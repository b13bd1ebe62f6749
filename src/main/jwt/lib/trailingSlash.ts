/**
 * RFC 7519 §2: StringOrURI values such as iss and aud are compared with no transformation, so a trailing
 * slash makes two of them differ. This spots that near miss, to name it in the message.
 */
export function equalIgnoringTrailingSlash(actual: string, expected: string): boolean {
  return actual.replace(/\/+$/, '') === expected.replace(/\/+$/, '')
}
