/**
 * Seconds to wait from a Retry-After value (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date.
 * A date is measured against `nowMs`, best the response's own Date header so that a wrong local
 * clock does not distort it. Undefined when the value is neither.
 */
export function retryAfterSeconds(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const dateMs = Date.parse(trimmed)
  if (Number.isNaN(dateMs) || !/[a-z]/i.test(trimmed)) return undefined
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000))
}
