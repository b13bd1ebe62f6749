/** Client-side helpers for tests that drive the emulators with plain fetch. */

/** application/x-www-form-urlencoded encoding of one value (what URLSearchParams writes). */
export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}

/**
 * `Basic ...` header value. `urlencode: true` is the RFC 6749 §2.3.1 client authentication
 * (form-urlencode id and secret first); `false` is plain RFC 7617 Basic.
 */
export function basicAuth(username: string, password: string, opts: { urlencode: boolean }): string {
  const pair = opts.urlencode ? `${formEncode(username)}:${formEncode(password)}` : `${username}:${password}`
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`
}

export const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' } as const

/** Extracts the value of a hidden input from an HTML page (`<input ... name="x" value="...">`). */
export function hiddenInput(html: string, name: string): string {
  const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)
  if (!match?.[1]) throw new Error(`no hidden input ${name} in page`)
  return match[1]
}
