import type { Exchange, RecordedHttpRequest, RecordedHttpResponse } from '../../shared/exchange'
import { isErrorCode } from './oauthErrors'
import { parseResponseBody, type ResponseBody } from './responseBody'
import { vendorFields } from './vendorFields'
import { parseChallenges, type Challenge } from './wwwAuthenticate'

/** What a recorded (masked) response tells us, read once for the summary and every hint rule. */
export interface Evidence {
  purpose: Exchange['purpose']
  method: string
  /** host[:port] of the request; never the path or query, which can carry secrets. */
  host: string
  status: number
  body: ResponseBody
  /** RFC 6749 §5.2 `error` / `error_description`, from the body or else the challenge (RFC 6750 §3). */
  error?: string
  errorDescription?: string
  challenges: Challenge[]
  vendor: Record<string, string>
  /** The error description, vendor texts and page title, lower-cased: what rules search for words. */
  wording: string
  /** The header's value (the first, for repeated headers); names compare case-insensitively. */
  header(name: string): string | undefined
  /** The moment the answer arrived, by the server's Date header when it sent one. */
  serverNowMs: number
  /** When the request was sent, by our clock. */
  sentAtMs: number
  /** The request's own headers (values masked), for "what we sent" hints. */
  sentHeader(name: string): string | undefined
  /** Form parameters of the request body and query (values masked): grant_type, partner_code… */
  sentParams: URLSearchParams
}

export function readEvidence(exchange: Exchange, response: RecordedHttpResponse): Evidence {
  const header = headerLookup(response.headers)
  const body = parseResponseBody(response.body, header('content-type'))
  const challenges = parseChallenges(headerValues(response.headers, 'www-authenticate'))
  const { error, errorDescription } = oauthError(body, challenges)
  const vendor = vendorFields(body)
  const sentAtMs = Date.parse(exchange.startedAt)
  const serverDate = Date.parse(header('date') ?? '')
  return {
    purpose: exchange.purpose,
    method: exchange.request.method,
    host: hostOf(exchange.request.url),
    status: response.status,
    body,
    error,
    errorDescription,
    challenges,
    vendor,
    wording: [errorDescription, ...Object.values(vendor)].filter(Boolean).join(' \n ').toLowerCase(),
    header,
    serverNowMs: Number.isNaN(serverDate) ? sentAtMs + exchange.durationMs : serverDate,
    sentAtMs,
    sentHeader: headerLookup(exchange.request.headers),
    sentParams: sentParams(exchange.request),
  }
}

function sentParams(request: RecordedHttpRequest): URLSearchParams {
  const params = new URLSearchParams()
  if (URL.canParse(request.url))
    for (const [name, value] of new URL(request.url).searchParams) params.append(name, value)
  const body = request.body?.trim() ?? ''
  if (/^[^=&\s{[<]+=/.test(body))
    for (const [name, value] of new URLSearchParams(body)) params.append(name, value)
  return params
}

function oauthError(
  body: ResponseBody,
  challenges: Challenge[],
): { error?: string; errorDescription?: string } {
  const fields = bodyFields(body)
  const fromBody = fields.error
  if (fromBody !== undefined && isErrorCode(fromBody)) {
    return { error: fromBody, errorDescription: nonEmpty(fields.error_description) }
  }
  // RFC 6750 §3: a resource server may put the error only in its Bearer challenge.
  const challenge =
    challenges.find((each) => /^bearer$/i.test(each.scheme) && each.params.error) ??
    challenges.find((each) => each.params.error)
  if (challenge?.params.error && isErrorCode(challenge.params.error)) {
    return { error: challenge.params.error, errorDescription: nonEmpty(challenge.params.error_description) }
  }
  return {}
}

function bodyFields(body: ResponseBody): { error?: string; error_description?: string } {
  if (body.type === 'form') {
    return {
      error: body.params.get('error') ?? undefined,
      error_description: body.params.get('error_description') ?? undefined,
    }
  }
  if (body.type !== 'json' || typeof body.value !== 'object' || body.value === null) return {}
  const { error, error_description } = body.value as Record<string, unknown>
  return {
    error: typeof error === 'string' ? error : undefined,
    error_description: typeof error_description === 'string' ? error_description : undefined,
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}

function headerLookup(headers: Array<[string, string]>): (name: string) => string | undefined {
  return (name) => headerValues(headers, name)[0]
}

function headerValues(headers: Array<[string, string]>, name: string): string[] {
  const wanted = name.toLowerCase()
  return headers.filter(([each]) => each.toLowerCase() === wanted).map(([, value]) => value)
}

export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : 'the server'
}
