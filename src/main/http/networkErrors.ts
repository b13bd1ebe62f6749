import type { NetworkErrorKind, NetworkFailure, ProxyUsed } from '../../shared/exchange'
import {
  ERR_PROXY_AUTH_REQUIRED,
  ERR_PROXY_REFUSED,
  ERR_PROXY_URL_INVALID,
  ERR_RESPONSE_TOO_LARGE,
} from '../../shared/errorCodes'
import { describeTlsProblem, isTlsCode } from './tlsProblems'
import { ownValue } from '../../shared/own'

const KIND_BY_CODE: Record<string, NetworkErrorKind> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  [ERR_RESPONSE_TOO_LARGE]: 'too-large',
  [ERR_PROXY_AUTH_REQUIRED]: 'proxy-auth',
  [ERR_PROXY_REFUSED]: 'proxy-refused',
}

/** Readable causes for codes that are not network trouble as such but still stop a request. */
const OTHER_MESSAGES: Record<string, string> = {
  ENETUNREACH: 'This computer has no route to that network (ENETUNREACH).',
  EHOSTUNREACH: 'This computer has no route to that host (EHOSTUNREACH).',
  ERR_INVALID_URL: 'The URL is not valid (ERR_INVALID_URL).',
  ERR_UNESCAPED_CHARACTERS:
    'The URL contains characters that must be percent-encoded, such as spaces (ERR_UNESCAPED_CHARACTERS).',
  ERR_INVALID_PROTOCOL: 'The URL does not start with http:// or https:// (ERR_INVALID_PROTOCOL).',
  [ERR_PROXY_URL_INVALID]: 'The proxy is not an http:// or https:// address (ERR_PROXY_URL_INVALID).',
}

interface Link {
  name?: string
  code?: string
  message: string
  /** Set by the transport on errors met on the way through a proxy. */
  proxy?: ProxyUsed
}

/**
 * Names what went wrong when no HTTP answer came back, from the error Node, undici or our transport
 * threw. fetch hides the cause (`TypeError: fetch failed` → `cause`), Happy Eyeballs wraps one error
 * per address (`AggregateError.errors`), an aborted request carries the signal's reason as `cause`:
 * so the whole chain is read. The message is ours: Node's messages can quote the URL or header
 * values, and this one is shown, stored and exported.
 */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const chain = errorChain(error)
  const proxy = chain.find((link) => link.proxy)?.proxy
  const failure = classifyChain(chain)
  return proxy ? { ...failure, message: viaProxy(failure, proxy), proxy } : failure
}

function classifyChain(chain: Link[]): NetworkFailure {
  const timeout = chain.find(isTimeout)
  if (timeout) return failure('timeout', timeout.code, chain)
  // An abort explains what follows from it (a destroyed socket, a reset): report the abort.
  if (chain.some((link) => link.name === 'AbortError' || link.code === 'ABORT_ERR')) {
    return failure('aborted', undefined, chain)
  }
  const known = chain.find((link) => link.code !== undefined && kindOfCode(link.code) !== undefined)
  if (known?.code) {
    const kind = kindOfCode(known.code)!
    return failure(kind, kind === 'tls' ? tlsCode(known) : known.code, chain)
  }
  return failure('other', chain.find((link) => link.code)?.code, chain)
}

/**
 * Through a proxy every connection is to the proxy: a refused connection or an unknown name is the
 * proxy's, and the message names it (the vendor was never reached).
 */
function viaProxy(failure: NetworkFailure, proxy: ProxyUsed): string {
  const toProxy = failure.kind === 'dns' || failure.kind === 'refused' || failure.code === 'EHOSTUNREACH'
  if (toProxy) return `Could not reach the proxy ${proxy.address}: ${lowerFirst(failure.message)}`
  if (failure.kind === 'proxy-auth' || failure.kind === 'proxy-refused') return failure.message
  return `${withoutStop(failure.message)}, through the proxy ${proxy.address}.`
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
const withoutStop = (text: string) => text.replace(/\.$/, '')

function kindOfCode(code: string): NetworkErrorKind | undefined {
  return ownValue(KIND_BY_CODE, code) ?? (isTlsCode(code) ? 'tls' : undefined)
}

function isTimeout(link: Link): boolean {
  return link.name === 'TimeoutError' || ownValue(KIND_BY_CODE, link.code ?? '') === 'timeout'
}

/** Node's https reports "wrong version number" as a bare EPROTO; undici names it. Use the name. */
function tlsCode(link: Link): string | undefined {
  return link.code === 'EPROTO' && /wrong version number/i.test(link.message)
    ? 'ERR_SSL_WRONG_VERSION_NUMBER'
    : link.code
}

function failure(kind: NetworkErrorKind, code: string | undefined, chain: Link[]): NetworkFailure {
  return { kind, ...(code ? { code } : {}), message: describe(kind, code, chain) }
}

function describe(kind: NetworkErrorKind, code: string | undefined, chain: Link[]): string {
  const tag = code ? ` (${code})` : ''
  switch (kind) {
    case 'dns':
      return code === 'EAI_AGAIN'
        ? 'The host name could not be looked up: the DNS server did not answer (EAI_AGAIN).'
        : `The host name was not found in DNS${tag}.`
    case 'refused':
      return `The connection was refused: nothing is listening on that port${tag}.`
    case 'timeout': {
      const seconds = timeoutSeconds(chain)
      return `No answer ${seconds === undefined ? 'in time' : `within ${seconds} s`}${tag}.`
    }
    case 'tls':
      return `The secure connection failed: ${describeTlsProblem(code).problem}${tag}.`
    case 'reset':
      return `The connection was closed before the answer was complete${tag}.`
    case 'too-large': {
      const cap = /larger than ([\d.]+ [KMG]iB)/.exec(chain.map((link) => link.message).join(' '))?.[1]
      return `The response was larger than TokenDesk’s size cap${cap ? ` of ${cap}` : ''}, so it stopped reading.`
    }
    case 'aborted':
      return 'The request was cancelled before the answer arrived.'
    case 'proxy-auth':
    case 'proxy-refused':
      // The transport's own words, which name the proxy and never its credentials.
      return chain.find((link) => link.code === code)?.message ?? 'The proxy refused the request.'
    case 'other':
      return otherMessage(code, chain)
  }
}

function otherMessage(code: string | undefined, chain: Link[]): string {
  if (code === 'ERR_INVALID_CHAR') {
    // Node names the header ("Invalid character in header content ["x-api-key"]"), never its value.
    const header = /\["([^"]+)"\]/.exec(chain.find((link) => link.code === code)?.message ?? '')?.[1]
    return `A header${header ? ` (${header})` : ''} contains a character that cannot be sent, such as a line break (ERR_INVALID_CHAR).`
  }
  const known = code && ownValue(OTHER_MESSAGES, code)
  if (known) return known
  const name = chain[0]?.name
  return `The request failed before an answer arrived (${code ?? name ?? 'unknown error'}).`
}

/** Our transport says "No answer within 30 s."; undici says "timeout: 10000ms". Only the number is kept. */
function timeoutSeconds(chain: Link[]): number | undefined {
  for (const { message } of chain) {
    const seconds = /within ([\d.]+) ?s\b/.exec(message)?.[1]
    if (seconds) return Number(seconds)
    const ms = /timeout:? (\d+) ?ms/i.exec(message)?.[1]
    if (ms) return Number(ms) / 1000
  }
  return undefined
}

/** The error, its causes and aggregated errors, outermost first; cycles and depth bounded. */
function errorChain(error: unknown): Link[] {
  const links: Link[] = []
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length && links.length < 16) {
    const current = queue.shift()
    if (current === null || current === undefined || seen.has(current)) continue
    seen.add(current)
    links.push(toLink(current))
    if (typeof current === 'object') {
      const { cause, errors } = current as { cause?: unknown; errors?: unknown }
      queue.push(cause)
      if (Array.isArray(errors)) queue.push(...errors)
    }
  }
  return links
}

function toLink(value: unknown): Link {
  if (typeof value !== 'object' || value === null) return { message: String(value) }
  const { name, code, message, proxy } = value as {
    name?: unknown
    code?: unknown
    message?: unknown
    proxy?: ProxyUsed
  }
  return {
    ...(isProxyUsed(proxy) ? { proxy: { address: proxy.address, source: proxy.source } } : {}),
    name: typeof name === 'string' ? name : undefined,
    // DOMException's numeric `code` (20, 23) is legacy; Node's string codes are the ones to read.
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : '',
  }
}

function isProxyUsed(value: unknown): value is ProxyUsed {
  const { address, source } = (value ?? {}) as Partial<ProxyUsed>
  return typeof address === 'string' && ['integration', 'environment', 'system'].includes(source ?? '')
}
