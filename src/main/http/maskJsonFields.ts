import { MASKED } from '../../shared/secretNames'

/** Keys longer than this are not field names; they are passed over without being decoded. */
const MAX_KEY_LENGTH = 256
const MASKED_STRING = JSON.stringify(MASKED)

/**
 * Replaces the string value of every secret-named key (`"name": "value"`) in JSON-like text, and
 * keeps every other byte as it was. One scan from left to right, no parse tree and no recursion,
 * so it works on JSONP (`cb({...})`), JSON with comments, a body of any depth and a cut-off body
 * alike; what it cannot read as a key is left to the value pass.
 */
export function maskJsonFields(text: string, isSecret: (name: string) => boolean): string {
  const parts: string[] = []
  let copiedUpTo = 0
  let at = 0
  for (;;) {
    const keyStart = text.indexOf('"', at)
    if (keyStart < 0) break
    const keyEnd = closingQuote(text, keyStart)
    if (keyEnd < 0) break
    const colon = skipSpace(text, keyEnd + 1)
    if (text[colon] !== ':') {
      at = keyEnd + 1
      continue
    }
    const valueStart = skipSpace(text, colon + 1)
    if (text[valueStart] === '"' && isSecret(keyName(text, keyStart, keyEnd))) {
      const valueEnd = closingQuote(text, valueStart)
      parts.push(text.slice(copiedUpTo, valueStart), MASKED_STRING)
      // An unterminated secret (a cut-off body) is masked to the end.
      copiedUpTo = valueEnd < 0 ? text.length : valueEnd + 1
      if (valueEnd < 0) break
      at = copiedUpTo
      continue
    }
    at = valueStart
  }
  if (copiedUpTo === 0) return text
  parts.push(text.slice(copiedUpTo))
  return parts.join('')
}

/** The index of the quote closing the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let at = open + 1
  for (;;) {
    const quote = text.indexOf('"', at)
    if (quote < 0) return -1
    let backslashes = 0
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++
    if (backslashes % 2 === 0) return quote
    at = quote + 1
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++
  return at
}

function keyName(text: string, keyStart: number, keyEnd: number): string {
  if (keyEnd - keyStart > MAX_KEY_LENGTH) return ''
  const raw = text.slice(keyStart, keyEnd + 1)
  try {
    return JSON.parse(raw) as string
  } catch {
    return raw.slice(1, -1)
  }
}
