/**
 * Token-looking values in a vendor's text, whatever its shape: `"access_token": "…"` (JSON, JSONP,
 * JSON in a string), `refreshToken=…` (a form, a URL fragment), `<id_token>…</id_token>` (XML),
 * `client_secret="…"` (an attribute). Found by name, then masked everywhere by value.
 *
 * One left-to-right scan: each name is looked for once and each value read once, with a cap on its
 * length and on how many are kept, so a hostile body costs time linear in its size.
 */
const TOKEN_NAME =
  /(?:access|refresh|id|bearer)[-_]?token|client[-_]?secret|device[-_]?code|(?<![A-Za-z0-9_-])token(?![A-Za-z0-9_-])/gi

/** Quotes, escapes and spaces allowed around the separator: `"name" : "`, `\"name\":\"`. */
const AROUND_SEPARATOR = new Set(['"', "'", '\\', ' ', '\t', '\r', '\n'])
const SEPARATORS = new Set([':', '=', '>'])
const MAX_AROUND = 8
/** Ends an unquoted value: `&` (forms), `<` (XML), spaces, and JSON or code punctuation. */
const UNQUOTED_END = /[\s&<>"',;}\])]/
export const MAX_TOKEN_LENGTH = 16 * 1024
export const MAX_TOKENS_FOUND = 64

export function findTokenValues(text: string): string[] {
  const found = new Set<string>()
  const names = new RegExp(TOKEN_NAME.source, TOKEN_NAME.flags)
  let match: RegExpExecArray | null
  while (found.size < MAX_TOKENS_FOUND && (match = names.exec(text))) {
    const value = readValue(text, match.index + match[0].length)
    if (!value) continue
    for (const form of decodedForms(value.text)) found.add(form)
    names.lastIndex = Math.max(names.lastIndex, value.end)
  }
  return [...found]
}

function readValue(text: string, afterName: number): { text: string; end: number } | undefined {
  let at = skipAround(text, afterName)
  if (!SEPARATORS.has(text[at] ?? '')) return undefined
  const start = skipAround(text, at + 1)
  const quote = start > at + 1 ? text[start - 1] : undefined
  const limit = Math.min(text.length, start + MAX_TOKEN_LENGTH)
  at = start
  if (quote === '"' || quote === "'") {
    while (at < limit && text[at] !== quote) at += text[at] === '\\' && text[at + 1] !== quote ? 2 : 1
  } else {
    while (at < limit && !UNQUOTED_END.test(text[at]!)) at++
  }
  let value = text.slice(start, Math.min(at, limit))
  // `\"name\":\"value\"`: the value's closing quote is escaped; the backslash is not part of it.
  if (value.endsWith('\\')) value = value.slice(0, -1)
  return value === '' ? undefined : { text: value, end: at }
}

function skipAround(text: string, at: number): number {
  const stop = Math.min(text.length, at + MAX_AROUND)
  while (at < stop && AROUND_SEPARATOR.has(text[at]!)) at++
  return at
}

/** The value as found, and as it reads once JSON escapes and percent-encoding are undone. */
function decodedForms(raw: string): string[] {
  const forms = [raw]
  if (raw.includes('\\')) {
    try {
      forms.push(JSON.parse(`"${raw.replace(/"/g, '\\"')}"`) as string)
    } catch {
      // Not valid JSON escapes: the raw form is what the text holds.
    }
  }
  if (raw.includes('%') || raw.includes('+')) {
    try {
      forms.push(decodeURIComponent(raw.replace(/\+/g, ' ')))
    } catch {
      // Not percent-encoding.
    }
  }
  return forms
}
