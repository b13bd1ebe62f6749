import type { RecordedHttpRequest } from './exchange'

/**
 * A copy-ready curl command (POSIX shell). Pass a masked request for the default view; an unmasked
 * one only when the user chose to reveal secrets. Content-Length is left to curl.
 */
export function toCurl(request: RecordedHttpRequest): string {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`]
  for (const [name, value] of request.headers) {
    if (name.toLowerCase() === 'content-length') continue
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  }
  if (request.body !== null && request.body !== '') lines.push(`--data-raw ${shellQuote(request.body)}`)
  return lines.join(' \\\n  ')
}

/** Single quotes make every character literal; a quote itself becomes '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}
