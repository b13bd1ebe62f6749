/** One challenge of a WWW-Authenticate header: `Bearer realm="api", error="invalid_token"`. */
export interface Challenge {
  /** As sent; compare case-insensitively (RFC 9110 §11.1). */
  scheme: string
  /** Parameter names lower-cased (they are case-insensitive), values unquoted. */
  params: Record<string, string>
}

const TOKEN = String.raw`[!#$%&'*+.^_\x60|~0-9A-Za-z-]+`
const AUTH_PARAM = new RegExp(String.raw`^(${TOKEN})[ \t]*=[ \t]*("(?:[^"\\]|\\.)*"|${TOKEN})`)
const SCHEME = new RegExp(`^(${TOKEN})`)
const TOKEN68 = /^[ \t]+[A-Za-z0-9\-._~+/]+=*[ \t]*(?=,|$)/

/**
 * Parses the challenges of WWW-Authenticate header values (RFC 9110 §11.6.1): a comma-separated
 * list where a new challenge starts at a bare token and auth-params (name=value) belong to the
 * challenge before them. Malformed input ends the parse; what was read so far is kept.
 */
export function parseChallenges(values: string[]): Challenge[] {
  const challenges: Challenge[] = []
  let rest = values.join(', ')
  let current: Challenge | undefined
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '')
    if (rest === '') break
    const param = AUTH_PARAM.exec(rest)
    if (param && current) {
      current.params[param[1]!.toLowerCase()] = unquote(param[2]!)
      rest = rest.slice(param[0].length)
      continue
    }
    const scheme = SCHEME.exec(rest)
    if (!scheme) break
    current = { scheme: scheme[1]!, params: {} }
    challenges.push(current)
    rest = rest.slice(scheme[0].length)
    // A token68 (Negotiate's blob) carries no parameters we read; skip it.
    const token68 = TOKEN68.exec(rest)
    if (token68) rest = rest.slice(token68[0].length)
  }
  return challenges
}

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value
}
