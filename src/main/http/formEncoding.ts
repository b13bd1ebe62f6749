/**
 * application/x-www-form-urlencoded encoding of one value (WHATWG URL §5.2, as RFC 6749 Appendix B
 * asks): only A–Z a–z 0–9 * - . _ stay as they are, space becomes "+", everything else is
 * percent-encoded as UTF-8 — including "+", "&", "=", "%", "/" and "~". Written out rather than left
 * to URLSearchParams so the bytes on the wire never depend on which URLSearchParams is loaded.
 */
export function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

export function formBody(params: Array<[string, string]>): string {
  return params.map(([name, value]) => `${formEncode(name)}=${formEncode(value)}`).join('&')
}
