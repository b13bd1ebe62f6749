import type { Hint } from '../../shared/diagnosis'
import type { NetworkFailure } from '../../shared/exchange'
import type { DiagnosisContext } from './context'
import { describeTlsProblem } from './tlsProblems'

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
  const which = context.purpose === 'token' ? 'Token URL' : 'API URL'
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
            },
      ]
    case 'refused':
      return [
        {
          code: 'refused',
          message: `Nothing accepts connections at ${to.hostname} on port ${to.port}: check the port and http:// versus https:// in the ${which} (https uses port 443 unless told otherwise), and that the server is running.`,
        },
      ]
    case 'timeout':
      return [
        {
          code: 'timeout',
          message: `${to.host} did not answer in time${timeoutPart(failure)}: the server may be slow, or a firewall or proxy may be dropping the connection. Retry, raise the integration’s timeout, or check the proxy and firewall.`,
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
        },
      ]
    case 'aborted':
      return [{ code: 'aborted', message: 'The request was cancelled before it finished: send it again.' }]
    case 'other':
      return [otherHint(failure, which)]
  }
}

function timeoutPart(failure: NetworkFailure): string {
  const seconds = /within ([\d.]+) s/.exec(failure.message)?.[1]
  return seconds ? ` (the timeout is ${seconds} s)` : ''
}

function otherHint(failure: NetworkFailure, which: string): Hint {
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
      }
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return {
        code: 'unreachable',
        message: 'This computer has no route to the server: check the network connection and VPN.',
      }
    default:
      return { code: 'network', message: `Check the ${which} and the network connection, then retry.` }
  }
}
