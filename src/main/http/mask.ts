import { Buffer } from 'node:buffer'
import type { RecordedHttpRequest, RecordedHttpResponse } from '../../shared/exchange'
import { isSecretName, MASKED } from '../../shared/secretNames'
import { formEncode } from './formEncoding'

/** Shorter values would mask innocent text (a 2-character "secret" matches everywhere). Names still mask them. */
const MIN_SCRUB_LENGTH = 4

export interface PreparedRequest {
  method: string
  url: string
  headers: Array<[string, string]>
  body: string | null
}

export interface Masker {
  text(value: string): string
  request(request: PreparedRequest): RecordedHttpRequest
  response(response: {
    status: number
    statusText: string
    headers: Array<[string, string]>
    body: string
    truncated: boolean
  }): RecordedHttpResponse
}

/**
 * Masks in two passes. By name: headers, query parameters, form fields and JSON fields that hold
 * secrets (see isSecretName). By value: every known secret, in every encoding it may travel in
 * (plain, percent- and form-encoded, JSON-escaped, base64), wherever it appears — the safety net for
 * a secret typed into a field with an innocent name.
 */
export function createMasker(secretValues: Iterable<string>): Masker {
  const needles = scrubForms(secretValues)
  const scrub = (value: string): string => {
    let result = value
    for (const needle of needles) result = result.split(needle).join(MASKED)
    return result
  }
  return {
    text: scrub,
    request: (request) => ({
      method: request.method,
      url: scrub(maskUrl(request.url)),
      headers: request.headers.map(([name, value]) => [name, scrub(maskHeader(name, value))]),
      body: request.body === null ? null : scrub(maskBody(request.body)),
    }),
    response: (response) => ({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers.map(([name, value]) => [name, scrub(maskHeader(name, value))]),
      body: scrub(maskBody(response.body)),
      truncated: response.truncated,
    }),
  }
}

function scrubForms(secretValues: Iterable<string>): string[] {
  const forms = new Set<string>()
  for (const value of secretValues) {
    if (value.length < MIN_SCRUB_LENGTH) continue
    forms.add(value)
    forms.add(encodeURIComponent(value))
    forms.add(formEncode(value))
    forms.add(JSON.stringify(value).slice(1, -1))
    forms.add(Buffer.from(value).toString('base64').replace(/=+$/, ''))
    forms.add(Buffer.from(value).toString('base64url'))
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...forms].filter((form) => form.length >= MIN_SCRUB_LENGTH).sort((a, b) => b.length - a.length)
}

export function maskHeader(name: string, value: string): string {
  // An empty value hides nothing; masking it would make a missing key look filled in.
  if (value === '' || (!isSecretName(name) && !/key|token|secret/i.test(name))) return value
  const scheme = /^(basic|bearer|digest|dpop)\s+/i.exec(value)
  return scheme ? `${scheme[1]} ${MASKED}` : MASKED
}

export function maskUrl(url: string): string {
  const queryStart = url.indexOf('?')
  if (queryStart < 0) return url
  const hashStart = url.indexOf('#', queryStart)
  const query = url.slice(queryStart + 1, hashStart < 0 ? undefined : hashStart)
  return url.slice(0, queryStart + 1) + maskFormText(query) + (hashStart < 0 ? '' : url.slice(hashStart))
}

/** Masks a body that is a form or JSON; other bodies are left to the value scrub. */
export function maskBody(body: string): string {
  const trimmed = body.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(maskJson(JSON.parse(trimmed)), null, trimmed.includes('\n') ? 2 : undefined)
    } catch {
      return body
    }
  }
  return /^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/.test(trimmed) ? maskFormText(body) : body
}

/** Rewrites only the values of secret-named pairs, keeping everything else byte for byte. */
function maskFormText(form: string): string {
  return form
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals < 0) return pair
      const name = safeDecode(pair.slice(0, equals))
      return isSecretName(name) ? `${pair.slice(0, equals)}=${MASKED}` : pair
    })
    .join('&')
}

function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        isSecretName(key) && typeof inner === 'string' ? MASKED : maskJson(inner),
      ]),
    )
  }
  return value
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
