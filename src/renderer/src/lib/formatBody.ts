/** JSON bodies pretty-printed; form bodies one field per line; anything else as sent. */
export function formatBody(body: string): string {
  const trimmed = body.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2)
    } catch {
      return body
    }
  }
  if (/^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)+$/.test(trimmed)) return trimmed.split('&').join('\n&')
  return body
}
