import type { Hint } from '../../shared/diagnosis'
import type { NetworkFailure, ProxyUsed } from '../../shared/exchange'
import type { DiagnosisContext } from './context'
import { describeTlsProblem } from '../http/tlsProblems'
import { fieldLabel } from '../../shared/fieldLabels'

/** Where the request went, without path or query: those can carry tokens (AffinityLive's _bearer_token). */
export interface Destination {
  host: string
  hostname: string
  port: string
  https: boolean
}

export function destinationOf(url: string): Destination {
  if (!URL.canParse(url)) return { host: 'the server', hostname: 'the server', port: '', https: false }
  const parsed = new URL(url)
  const https = parsed.protocol === 'https:'
  return { host: parsed.host, hostname: parsed.hostname, port: parsed.port || (https ? '443' : '80'), https }
}

/** What to check for each kind of failure to get an answer at all. */
export function networkHints(failure: NetworkFailure, context: DiagnosisContext, url: string): Hint[] {
  const to = destinationOf(url)
  // The form field whose URL failed, by its visible label, so "Show me" can take the user there.
  const field = context.purpose === 'token' ? 'tokenUrl' : 'api.baseUrl'
  const which = fieldLabel(field)
  const proxy = failure.proxy && proxyHint(failure, failure.proxy, to)
  if (proxy) return [proxy]
  switch (failure.kind) {
    case 'dns':
      return [
        failure.code === 'EAI_AGAIN'
          ? {
              code: 'dns',
              message: `The name ${to.hostname} could not be looked up because DNS did not answer: check the internet connection, VPN or proxy, then retry.`,
            }
          : {
              code: 'dns',
              message: `Check the host name ${to.hostname} in the ${which} for typos. If it is right, this computer may need a VPN to see it, or the vendor has moved: compare it with the vendor’s documentation.`,
              field,
            },
      ]
    case 'refused':
      return [
        {
          code: 'refused',
          message: `Nothing accepts connections at ${to.hostname} on port ${to.port}: check the port and http:// versus https:// in the ${which} (https uses port 443 unless told otherwise), and that the server is running.`,
          field,
        },
      ]
    case 'timeout':
      return [
        {
          code: 'timeout',
          message: `${to.host} did not answer in time${timeoutPart(failure)}: the server may be slow, or a firewall or proxy may be dropping the connection. Retry, raise “Timeout (seconds)” under Advanced, or check the proxy and firewall.`,
          field: 'timeoutMs',
        },
      ]
    case 'tls':
      return [{ code: 'tls', message: describeTlsProblem(failure.code).fix }]
    case 'reset':
      return [
        {
          code: 'reset',
          message:
            'The connection was cut by the server, a proxy or a firewall. Retry; if it keeps happening, check the proxy settings and http:// versus https://.',
        },
      ]
    case 'too-large':
      return [
        {
          code: 'too-large',
          message: `The response exceeded TokenDesk’s size cap. A token response is a few kilobytes, so the ${which} probably points at a page or a file rather than the endpoint: check it.`,
          field,
        },
      ]
    case 'aborted':
      return [{ code: 'aborted', message: 'The request was cancelled before it finished: send it again.' }]
    case 'proxy-auth':
    case 'proxy-refused':
      return [{ code: failure.kind, message: failure.message }]
    case 'other':
      return [otherHint(failure, field)]
  }
}

/** Certificate codes that, through a proxy, usually mean the proxy is inspecting HTTPS with its own CA. */
const UNKNOWN_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
])

/** Where the user set the proxy, so the hint says where to change it. */
function whereSet(proxy: ProxyUsed): string {
  switch (proxy.source) {
    case 'integration':
      return 'in the integration’s Proxy settings'
    case 'environment':
      return 'in HTTPS_PROXY / HTTP_PROXY (or add the host to NO_PROXY)'
    case 'system':
      return 'in the system’s proxy settings'
  }
}

/** Failures that are the proxy's, in the proxy's name; undefined lets the ordinary hint speak. */
function proxyHint(failure: NetworkFailure, proxy: ProxyUsed, to: Destination): Hint | undefined {
  const at = proxy.address
  switch (failure.kind) {
    case 'proxy-auth':
      return {
        code: 'proxy-auth',
        message:
          proxy.source === 'integration'
            ? `The proxy ${at} needs a user name and password: check the proxy user name and password in the integration’s Proxy settings.`
            : `The proxy ${at} needs a user name and password: check the proxy user name and password ${proxy.source === 'environment' ? 'in HTTPS_PROXY / HTTP_PROXY (http://user:password@host:port)' : 'by setting the proxy, with them, in the integration’s Proxy settings'}.`,
      }
    case 'proxy-refused':
      return {
        code: 'proxy-refused',
        message: /HTTP 40[13]\b/.test(failure.message)
          ? `The proxy ${at} refused to open a connection to ${to.host}: check the proxy user name and password ${whereSet(proxy)}, and ask whoever runs the proxy whether it allows ${to.host}.`
          : `The proxy ${at} would not open a connection to ${to.host}: it may block that host or port, or cannot reach it. Ask whoever runs the proxy to allow ${to.host}, or connect directly (proxy "none") if the vendor is reachable without it.`,
      }
    case 'dns':
    case 'refused':
      return {
        code: 'proxy-unreachable',
        message: `TokenDesk could not reach the proxy ${at}, so the request never left this computer: check the proxy address ${whereSet(proxy)}, or connect directly (proxy "none").`,
      }
    case 'tls':
      return failure.code && UNKNOWN_ISSUER.has(failure.code)
        ? {
            code: 'proxy-tls-inspection',
            message: `The request went through the proxy ${at}, which may be inspecting HTTPS and presenting a certificate of its own CA. Ask whoever runs the proxy for that CA certificate and add it in the integration’s TLS settings (tls.ca) — certificate verification is never turned off.`,
          }
        : undefined
    default:
      return undefined
  }
}

function timeoutPart(failure: NetworkFailure): string {
  const seconds = /within ([\d.]+) s/.exec(failure.message)?.[1]
  return seconds ? ` (the timeout is ${seconds} s)` : ''
}

function otherHint(failure: NetworkFailure, field: string): Hint {
  const which = fieldLabel(field)
  switch (failure.code) {
    case 'ERR_INVALID_CHAR':
      return {
        code: 'invalid-header-character',
        message:
          'A header value or secret contains a line break or an invisible character, usually from copy-paste: type the value again.',
      }
    case 'ERR_INVALID_URL':
    case 'ERR_UNESCAPED_CHARACTERS':
    case 'ERR_INVALID_PROTOCOL':
      return {
        code: 'invalid-url',
        message: `Check the ${which}: it must be a full https:// address without spaces.`,
        field,
      }
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return {
        code: 'unreachable',
        message: 'This computer has no route to the server: check the network connection and VPN.',
      }
    default:
      return { code: 'network', message: `Check the ${which} and the network connection, then retry.`, field }
  }
}
