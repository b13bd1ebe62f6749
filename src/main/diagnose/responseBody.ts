/** An error response's body, read for what a person can learn from it. */
export type ResponseBody =
  | { type: 'json'; value: unknown }
  /** Some servers answer in form encoding (`error=…&error_description=…`), as old GitHub did. */
  | { type: 'form'; params: URLSearchParams }
  | { type: 'html'; title?: string }
  | { type: 'text'; text: string }
  | { type: 'empty' }

/** Longest text quoted from a page or plain body; a stack trace is not an explanation. */
export const MAX_QUOTED_TEXT = 300

/**
 * How much of a page is searched for its title. A page's <title> and first <h1> sit near its top;
 * scanning no further keeps a 16 MiB hostile page as cheap as a small one.
 */
export const MAX_SCANNED_HTML = 64 * 1024

/** Longest raw title text (tags and entities included): a longer one is not a title. */
const MAX_RAW_TITLE = 4 * 1024

/** A form-encoded answer is a handful of short fields; anything longer is text. */
const MAX_FORM_BODY = 64 * 1024

export function parseResponseBody(text: string, contentType = ''): ResponseBody {
  const trimmed = text.trim()
  if (trimmed === '') return { type: 'empty' }
  const json = parseJson(trimmed)
  if (json.ok) return { type: 'json', value: json.value }
  if (looksHtml(trimmed, contentType)) return { type: 'html', title: htmlTitle(trimmed) }
  if (trimmed.length <= MAX_FORM_BODY && /^[\w.-]+=[^&\s]*(&[\w.-]+=[^&\s]*)*$/.test(trimmed))
    return { type: 'form', params: new URLSearchParams(trimmed) }
  return { type: 'text', text: collapsedPrefix(trimmed, MAX_QUOTED_TEXT) }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!/^[{["]/.test(text)) return { ok: false }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

function looksHtml(text: string, contentType: string): boolean {
  if (/html/i.test(contentType)) return true
  if (!text.startsWith('<') || /^<\?xml/i.test(text)) return false
  return /<(!doctype html|html|head|body|title)\b/i.test(text.slice(0, MAX_SCANNED_HTML))
}

/**
 * The page's <title>, or its first heading: "502 Bad Gateway", "Sign in to your account". Only the
 * top of the page is searched, and a closing tag only within MAX_RAW_TITLE of its opening one: a regex
 * like `<title>([\s\S]*?)</title>` retries from every `<title>` to the end of the body, which is
 * quadratic on a page of repeated unclosed tags.
 */
function htmlTitle(html: string): string | undefined {
  const top = html.slice(0, MAX_SCANNED_HTML)
  const raw = elementText(top, 'title', /<title[\s>/]/i) ?? elementText(top, 'h1', /<h1[\s>/]/i)
  if (raw === undefined) return undefined
  const title = collapsedPrefix(decodeEntities(withoutTags(raw)), MAX_QUOTED_TEXT)
  return title === '' ? undefined : title
}

/** The text of the first `<name …>…</name>` (`opening` finds `<name` followed by a space, `>` or `/`). */
function elementText(html: string, name: string, opening: RegExp): string | undefined {
  const open = opening.exec(html)?.index
  if (open === undefined) return undefined
  const start = html.indexOf('>', open) + 1
  if (start === 0) return undefined
  const window = html.slice(start, start + MAX_RAW_TITLE + name.length + 2)
  const end = window.toLowerCase().indexOf(`</${name}`)
  return end < 0 ? undefined : window.slice(0, end)
}

/** Tags inside a title (`<h1><span>502</span> Bad Gateway</h1>`) become spaces; one pass, no regex. */
function withoutTags(text: string): string {
  let out = ''
  let inTag = false
  for (const char of text) {
    if (inTag) inTag = char !== '>'
    else if (char === '<') {
      inTag = true
      out += ' '
    } else out += char
  }
  return out
}

/** `\s` for one character, without a regex for the common ASCII case. */
export function isWhiteSpace(char: string): boolean {
  const code = char.charCodeAt(0)
  if (code < 0x80) return isSpace(code) || code === 0x0b
  return /\s/.test(char)
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c
}

/** The entities page titles actually use; others stay as written. */
const NAMED_ENTITIES = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['ndash', '–'],
  ['mdash', '—'],
  ['hellip', '…'],
  ['middot', '·'],
  ['rsquo', '’'],
  ['lsquo', '‘'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['laquo', '«'],
  ['raquo', '»'],
  ['copy', '©'],
])

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,8}|#\d{1,8}|[a-z]{1,10});/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const codePoint =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity
    }
    return NAMED_ENTITIES.get(name.toLowerCase()) ?? entity
  })
}

/**
 * The text with runs of white space made one space and trimmed, then shortened to `max`: read only
 * as far as needed, so a 16 MiB text body costs no more than its first few hundred characters.
 */
export function collapsedPrefix(text: string, max: number): string {
  let out = ''
  let pendingSpace = false
  for (let index = 0; index < text.length && out.length <= max; index++) {
    const char = text[index]!
    if (isWhiteSpace(char)) {
      pendingSpace = out !== ''
      continue
    }
    if (pendingSpace) out += ' '
    pendingSpace = false
    out += char
  }
  return shorten(out, max)
}

export function shorten(text: string, max = MAX_QUOTED_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
