import { isErrorCode } from './oauthErrors'
import { shorten, type ResponseBody } from './responseBody'

/**
 * Top-level JSON fields vendors use to explain an error, in the order a person should read them:
 * Autovit's error_human_*, RFC 9457 (ex-7807) problem details, Azure API Management and AWS API
 * Gateway's `message` (with APIM's `statusCode`), and the camel- and snake-case variants seen elsewhere.
 */
const TOP_LEVEL_FIELDS = [
  'error_human_title',
  'error_human_message',
  'title',
  'detail',
  'message',
  'error_message',
  'errorMessage',
  'statusCode',
] as const

/**
 * The vendor's own explanation fields of an error body, as sent, keeping only non-empty values
 * (Autovit sends `"error_human_message": ""`). Keys are the field paths: `error.message`,
 * `errors[0].message`. HTML pages give their title, plain text bodies their (shortened) text.
 */
export function vendorFields(body: ResponseBody): Record<string, string> {
  switch (body.type) {
    case 'json':
      return typeof body.value === 'string' ? textField('text', body.value) : jsonFields(body.value)
    case 'html':
      return body.title ? { 'page title': body.title } : {}
    case 'text':
      return { text: body.text }
    default:
      return {}
  }
}

function jsonFields(value: unknown): Record<string, string> {
  if (!isObject(value)) return {}
  const fields: Record<string, string> = {}
  for (const name of TOP_LEVEL_FIELDS) addField(fields, name, value[name])
  // `error` holding a sentence rather than an RFC 6749 code is an explanation too.
  if (typeof value.error === 'string' && !isErrorCode(value.error)) addField(fields, 'error', value.error)
  if (isObject(value.error)) {
    addField(fields, 'error.message', value.error.message)
    addField(fields, 'error.code', value.error.code)
  }
  if (Array.isArray(value.errors) && isObject(value.errors[0])) {
    addField(fields, 'errors[0].message', value.errors[0].message)
  }
  return fields
}

function addField(fields: Record<string, string>, name: string, value: unknown): void {
  if (typeof value === 'number' && Number.isFinite(value)) fields[name] = String(value)
  if (typeof value === 'string' && value.trim() !== '') fields[name] = value
}

function textField(name: string, value: string): Record<string, string> {
  return value.trim() === '' ? {} : { [name]: shorten(value.trim()) }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
