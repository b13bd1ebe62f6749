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

/** A header line as shown to the user: an empty value reads "(empty)", never blank or masked. */
export function headerLine([name, value]: [string, string]): string {
  return `${name}: ${value === '' ? '(empty)' : value}`
}
