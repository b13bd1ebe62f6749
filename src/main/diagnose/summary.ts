import type { NetworkFailure } from '../../shared/exchange'
import type { DiagnosisContext } from './context'
import type { Evidence } from './evidence'
import type { Destination } from './networkHints'
import { explainOAuthError } from './oauthErrors'
import { shorten } from './responseBody'
import { describeTlsProblem } from '../http/tlsProblems'
import { who, withoutFinalStop } from './wording'

/** Longest vendor text read aloud in a summary; the full text stays in `vendor`. */
const MAX_SUMMARY_QUOTE = 200

/** Vendor fields that title an error, then those that explain it (see vendorFields). */
const TITLE_FIELDS = ['error_human_title', 'title']
const MESSAGE_FIELDS = [
  'error_human_message',
  'detail',
  'message',
  'error_message',
  'errorMessage',
  'error.message',
  'errors[0].message',
  'error',
  'text',
]

/** Messages that only restate the status line tell a support agent nothing: our own words serve better. */
const STATUS_WORDS =
  /^(bad request|unauthori[sz]ed|forbidden|not found|method not allowed|not acceptable|conflict|unsupported media type|too many requests|internal server error|bad gateway|service unavailable|gateway time-?out|error|access denied)$/i

/** "(HTTP 400, invalid_grant)" */
export function statusTag(evidence: Evidence): string {
  return `(HTTP ${evidence.status}${evidence.error ? `, ${evidence.error}` : ''})`
}

/**
 * One sentence for an error answer, readable aloud: the vendor's own words when it sent some
 * ("Autovit said: Niepoprawna wartość — Invalid partner credentials parameter (HTTP 400, invalid_grant)."),
 * else what the OAuth error or the status means.
 */
export function summarizeResponse(evidence: Evidence, context: DiagnosisContext): string {
  const subject = who(context)
  const human = vendorWords(evidence)
  if (human) return `${subject} said: ${human} ${statusTag(evidence)}.`
  // The vendor's own explanation leads; the standard meaning of the error code comes after it in the hints.
  if (evidence.error && informative(evidence.errorDescription)) {
    return `${subject} said: ${quote(evidence.errorDescription!)} ${statusTag(evidence)}.`
  }
  const explained = evidence.error ? explainOAuthError(evidence.error) : undefined
  if (explained) return `${subject} ${explained.refused} ${statusTag(evidence)}.`
  if (evidence.error)
    return `${subject} refused the request with the error "${evidence.error}" ${statusTag(evidence)}.`
  return `${statusSentence(evidence, context, subject)} ${statusTag(evidence)}.`
}

/** Title and message of the vendor's explanation, joined: "Niepoprawna wartość — Invalid partner credentials parameter". */
function informative(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' && !STATUS_WORDS.test(withoutFinalStop(value))
    ? value
    : undefined
}

function vendorWords(evidence: Evidence): string | undefined {
  const title = TITLE_FIELDS.map((field) => informative(evidence.vendor[field])).find(Boolean)
  const message = MESSAGE_FIELDS.map((field) => informative(evidence.vendor[field])).find(Boolean)
  if (!title && !message) return undefined
  const explanation = message ?? evidence.errorDescription
  const parts = [title, explanation].filter((part): part is string => Boolean(part)).map(quote)
  return parts.join(' — ')
}

function quote(text: string): string {
  return shorten(withoutFinalStop(text), MAX_SUMMARY_QUOTE)
}

function statusSentence(evidence: Evidence, context: DiagnosisContext, subject: string): string {
  const token = context.purpose === 'token'
  if (evidence.body.type === 'html') {
    const title = evidence.body.title ? ` titled "${quote(evidence.body.title)}"` : ''
    return `${subject} answered with a web page${title} instead of ${token ? 'an OAuth answer' : 'the API’s answer'}`
  }
  const status = evidence.status
  if (status >= 300 && status <= 399) {
    const location = evidence.header('location')?.split(/[?#]/)[0]
    return `${subject} redirected the request${location ? ` to ${location}` : ''} instead of answering it`
  }
  if (status === 401) return token ? `${subject} refused the credentials` : 'The API refused the access token'
  if (status === 403) return `${subject} refused access`
  if (status === 404) return `${subject} has nothing at this URL`
  if (status === 405) return `${subject} does not accept ${evidence.method} at this URL`
  if (status === 415) return `${subject} did not accept the format of the request body`
  if (status === 429) return `${subject} is rate-limiting ${token ? 'token requests' : 'these calls'}`
  if (status >= 500) return `${possessive(subject)} server failed; the problem is on the vendor’s side`
  if (status >= 400) return `${subject} refused the request`
  return `${subject} answered unexpectedly`
}

function possessive(subject: string): string {
  return subject.startsWith('The ') ? `The ${subject.slice(4)}’s` : `${subject}’s`
}

/** For a 2xx answer that holds no usable token: the problem the token check found, with what the body shows. */
export function summarizeInvalidTokenResponse(
  evidence: Evidence,
  context: DiagnosisContext,
  problem: string,
): string {
  const subject = who(context)
  if (evidence.body.type === 'html') {
    const title = evidence.body.title ? ` titled "${quote(evidence.body.title)}"` : ''
    return `${subject} answered with a web page${title} instead of a token (HTTP ${evidence.status}).`
  }
  const human = vendorWords(evidence)
  if (human) return `${subject} answered without a token and said: ${human} (HTTP ${evidence.status}).`
  return `${withoutFinalStop(problem)} (HTTP ${evidence.status}).`
}

/** "Could not reach auth.example.com: the host name does not exist (DNS, ENOTFOUND)." */
export function summarizeNetworkFailure(
  failure: NetworkFailure,
  to: Destination,
  where?: { url: string; field: string },
): string {
  // "htp:/typo" parses, but names no server: say which field holds it rather than "The request to failed".
  if (where && (!to.hostname || to.host === 'the server'))
    return `The ${where.field} "${where.url.split(/[?#]/)[0]}" is not a web address TokenDesk can reach: it should start with https:// and a server name.`
  const code = failure.code ? `, ${failure.code}` : ''
  // Through a proxy, the transport's message names the proxy where the failure is the proxy's.
  if (failure.proxy && failure.kind !== 'tls' && failure.kind !== 'timeout') return failure.message
  const through = failure.proxy ? ` through the proxy ${failure.proxy.address}` : ''
  switch (failure.kind) {
    case 'dns':
      return failure.code === 'EAI_AGAIN'
        ? `Could not reach ${to.hostname}: its name could not be looked up (DNS did not answer${code}).`
        : `Could not reach ${to.hostname}: the host name does not exist (DNS${code}).`
    case 'refused':
      return `Could not reach ${to.hostname}: the connection to port ${to.port} was refused (nothing is listening${code}).`
    case 'timeout': {
      const seconds = /within ([\d.]+) s/.exec(failure.message)?.[1]
      return `${to.host} did not answer${through} ${seconds ? `within ${seconds} s` : 'in time'}${failure.code ? ` (${failure.code})` : ''}.`
    }
    case 'tls':
      return `Could not set up a secure connection to ${to.host}${through}: ${describeTlsProblem(failure.code).problem}${failure.code ? ` (${failure.code})` : ''}.`
    case 'reset':
      return `The connection to ${to.host} was cut before the answer was complete${failure.code ? ` (${failure.code})` : ''}.`
    case 'too-large':
      return `The answer from ${to.host} was larger than TokenDesk’s size cap, so it stopped reading.`
    case 'aborted':
      return `The request to ${to.host} was cancelled before the answer arrived.`
    case 'proxy-auth':
    case 'proxy-refused':
      return failure.message
    case 'other':
      return `The request to ${to.host} failed before an answer arrived${failure.code ? ` (${failure.code})` : ''}.`
  }
}
