import type { RecordedHttpRequest, RecordedHttpResponse } from '../../shared/exchange'
import { isSecretName, MASKED } from '../../shared/secretNames'
import { findTokenValues } from './findTokenValues'
import { maskJsonFields } from './maskJsonFields'
import { ValueScrubber } from './valueScrubber'

export interface PreparedRequest {
  method: string
  url: string
  headers: Array<[string, string]>
  body: string | null
}

export interface Masker {
  /** Masks every secret known so far, by value. */
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
 * secrets (isSecretName, plus the names the user marked secret). By value: every secret of the
 * integration, every credential the request carries and every token the response holds, in every
 * encoding it may travel in, wherever it appears — whatever the body's shape (JSONP, XML, a comment,
 * camelCase names, nesting of any depth). The value pass is the one that cannot give up.
 */
export function createMasker(secretValues: Iterable<string>, secretNames: Iterable<string> = []): Masker {
  const scrubber = new ValueScrubber(secretValues)
  const marked = new Set([...secretNames].map((name) => name.toLowerCase()))
  const isSecret = (name: string) => isSecretName(name) || marked.has(name.toLowerCase())
  const scrub = (value: string) => scrubber.scrub(value)
  return {
    text: scrub,
    request: (request) => {
      scrubber.learn(credentialsSent(request, isSecret))
      return {
        method: request.method,
        url: scrub(maskUrl(request.url, isSecret)),
        headers: request.headers.map(([name, value]) => [name, scrub(maskHeader(name, value, isSecret))]),
        body: request.body === null ? null : scrub(maskBody(request.body, isSecret)),
      }
    },
    response: (response) => {
      scrubber.learn(findTokenValues(response.body))
      for (const [name, value] of response.headers) {
        scrubber.learn(findTokenValues(value))
        if (isSecret(name) || SECRET_HEADER_WORDS.test(name)) scrubber.learn([cookieValue(value)])
      }
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers.map(([name, value]) => [name, scrub(maskHeader(name, value, isSecret))]),
        body: scrub(maskBody(response.body, isSecret)),
        truncated: response.truncated,
      }
    },
  }
}

const SECRET_HEADER_WORDS = /key|token|secret/i
const AUTH_SCHEME = /^(basic|bearer|digest|dpop)\s+/i

export function maskHeader(
  name: string,
  value: string,
  isSecret: (name: string) => boolean = isSecretName,
): string {
  // An empty value hides nothing; masking it would make a missing key look filled in.
  if (value === '' || (!isSecret(name) && !SECRET_HEADER_WORDS.test(name))) return value
  const scheme = AUTH_SCHEME.exec(value)
  return scheme ? `${scheme[1]} ${MASKED}` : MASKED
}

export function maskUrl(url: string, isSecret: (name: string) => boolean = isSecretName): string {
  const queryStart = url.indexOf('?')
  if (queryStart < 0) return url
  const hashStart = url.indexOf('#', queryStart)
  const query = url.slice(queryStart + 1, hashStart < 0 ? undefined : hashStart)
  return (
    url.slice(0, queryStart + 1) + maskFormText(query, isSecret) + (hashStart < 0 ? '' : url.slice(hashStart))
  )
}

/** Masks secret-named fields of anything JSON-like (JSONP, comments, any depth) and of a form; the rest byte for byte. */
export function maskBody(body: string, isSecret: (name: string) => boolean = isSecretName): string {
  const jsonMasked = body.includes('"') ? maskJsonFields(body, isSecret) : body
  return looksLikeForm(jsonMasked.trim()) ? maskFormText(jsonMasked, isSecret) : jsonMasked
}

function looksLikeForm(text: string): boolean {
  return text.includes('=') && !/\s/.test(text)
}

/** Rewrites only the values of secret-named pairs, keeping everything else byte for byte. */
function maskFormText(form: string, isSecret: (name: string) => boolean): string {
  return form
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals < 0) return pair
      const name = safeDecode(pair.slice(0, equals))
      return isSecret(name) ? `${pair.slice(0, equals)}=${MASKED}` : pair
    })
    .join('&')
}

/** What the request itself carries that is secret: credentials in auth headers, secret-named fields. */
function credentialsSent(request: PreparedRequest, isSecret: (name: string) => boolean): string[] {
  const found: string[] = []
  for (const [name, value] of request.headers) {
    if (!isSecret(name) && !SECRET_HEADER_WORDS.test(name)) continue
    const scheme = AUTH_SCHEME.exec(value)
    const credential = scheme ? value.slice(scheme[0].length).trim() : value
    found.push(credential)
    // RFC 7617: Basic carries base64("id:secret"); a vendor echoing it decoded must not show it either.
    if (scheme?.[1]?.toLowerCase() === 'basic') found.push(Buffer.from(credential, 'base64').toString('utf8'))
  }
  const queryStart = request.url.indexOf('?')
  const forms = [queryStart < 0 ? '' : request.url.slice(queryStart + 1).split('#')[0]!]
  if (request.body !== null && looksLikeForm(request.body.trim())) forms.push(request.body.trim())
  for (const form of forms) {
    for (const pair of form.split('&')) {
      const equals = pair.indexOf('=')
      if (equals > 0 && isSecret(safeDecode(pair.slice(0, equals))))
        found.push(safeDecode(pair.slice(equals + 1)))
    }
  }
  return found
}

/** A Set-Cookie's value without its attributes (`; Path=/; HttpOnly`). */
function cookieValue(header: string): string {
  const end = header.indexOf(';')
  return end < 0 ? header : header.slice(0, end)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
