/**
 * RFC 7519 §2: StringOrURI values such as iss and aud are compared with no transformation, so a trailing
 * slash makes two of them differ. This spots that near miss, to name it in the message.
 */
export function equalIgnoringTrailingSlash(actual: string, expected: string): boolean {
  return withoutTrailingSlashes(actual) === withoutTrailingSlashes(expected)
}

/** A loop, not /\/+$/: that regex retries at every slash of a long run, quadratic on `a//…//x`. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--
  return text.slice(0, end)
}
