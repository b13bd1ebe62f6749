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

export function parseResponseBody(text: string, contentType = ''): ResponseBody {
  const trimmed = text.trim()
  if (trimmed === '') return { type: 'empty' }
  const json = parseJson(trimmed)
  if (json.ok) return { type: 'json', value: json.value }
  if (looksHtml(trimmed, contentType)) return { type: 'html', title: htmlTitle(trimmed) }
  if (/^[\w.-]+=[^&\s]*(&[\w.-]+=[^&\s]*)*$/.test(trimmed))
    return { type: 'form', params: new URLSearchParams(trimmed) }
  return { type: 'text', text: shorten(collapse(trimmed)) }
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
  return /^</.test(text) && !/^<\?xml/i.test(text) && /<(!doctype html|html|head|body|title)\b/i.test(text)
}

/** The page's <title>, or its first heading: "502 Bad Gateway", "Sign in to your account". */
function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)
  if (!match) return undefined
  const title = collapse(decodeEntities(match[1]!.replace(/<[^>]*>/g, ' ')))
  return title === '' ? undefined : shorten(title)
}

/** The entities page titles actually use; others stay as written. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  middot: '·',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const codePoint =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity
  })
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

export function shorten(text: string, max = MAX_QUOTED_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
