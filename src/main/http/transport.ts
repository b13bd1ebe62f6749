import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { checkServerIdentity, rootCertificates, type PeerCertificate } from 'node:tls'
import { ERR_RESPONSE_TOO_LARGE } from '../../shared/errorCodes'
import {
  chooseProxy,
  proxyAgent,
  proxyAuthError,
  proxyRefusedError,
  throughProxy,
  type ProxyRoute,
  type ProxySetting,
  type ProxySources,
} from './proxy'

export interface TlsOptions {
  /** Extra trusted CA certificates (PEM), added to — never replacing — the system's trust. */
  ca?: string
  /** Client certificate and key (PEM) for mutual TLS. */
  cert?: string
  key?: string
}

export interface HttpRequest {
  method: string
  url: string
  headers: Array<[string, string]>
  body?: string | null
  timeoutMs: number
  maxResponseBytes: number
  /** 'fail' rejects an oversized response; 'truncate' keeps its first maxResponseBytes. */
  onTooLarge?: 'fail' | 'truncate'
  tls?: TlsOptions
  /** The integration's proxy choice; without it the transport's own sources decide (system, environment). */
  proxy?: ProxySetting
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  statusText: string
  headers: Array<[string, string]>
  body: string
  truncated: boolean
}

/** Sends one HTTP request and reads its answer. Redirects are returned, never followed. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>

/**
 * node:http rather than fetch: it takes a per-request CA and client certificate (mutual TLS), sends
 * headers exactly as configured, and lets us stop reading at the size cap. A proxy, when one applies,
 * is an agent on the same request (see proxy.ts), so all of that holds through the proxy too.
 */
export function createNodeTransport(sources: ProxySources = {}): Transport {
  return async (request) => {
    const url = new URL(request.url)
    const route = await chooseProxy(url, request.proxy, sources)
    try {
      return await send(request, url, route)
    } catch (error) {
      throw route ? throughProxy(error, route) : error
    }
  }
}

/** The CLI's and plain Node's transport: the proxy comes from HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
export const nodeTransport: Transport = createNodeTransport({ env: process.env })

function send(request: HttpRequest, url: URL, route: ProxyRoute | undefined): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const https = url.protocol === 'https:'
    const sendRequest = https ? httpsRequest : httpRequest
    const body = request.body == null ? undefined : Buffer.from(request.body, 'utf8')
    // An object, not node's raw-array form: with the array form node cannot see Content-Length and
    // adds Transfer-Encoding: chunked as well, which servers rightly refuse.
    const headers: Record<string, string> = {}
    for (const [name, value] of request.headers)
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value
    if (body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = String(body.byteLength)
    }
    const client = sendRequest(url, {
      method: request.method,
      headers,
      signal: request.signal,
      timeout: request.timeoutMs,
      ...(https ? tlsOptions(request.tls) : {}),
      ...(route ? { agent: proxyAgent(route, https, request.tls?.ca) } : {}),
      ...(route && https ? { checkServerIdentity: sameIdentityAs(url) } : {}),
    })
    let tunnelStatus: number | undefined
    client.on('proxyConnect', (connect: { statusCode?: number }) => (tunnelStatus = connect.statusCode))
    const timer = setTimeout(() => client.destroy(timeoutError(request.timeoutMs)), request.timeoutMs)
    const fail = (error: unknown) => {
      clearTimeout(timer)
      reject(error)
    }
    client.on('timeout', () => client.destroy(timeoutError(request.timeoutMs)))
    client.on('error', fail)
    client.on('response', (response) => {
      const proxyProblem = route && proxyAnswer(route, response.statusCode, tunnelStatus, url)
      if (proxyProblem) {
        response.destroy()
        fail(proxyProblem)
        return
      }
      readBody(response, request)
        .then((read) => {
          clearTimeout(timer)
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: pairs(response.rawHeaders),
            ...read,
          })
        })
        .catch(fail)
    })
    client.end(body)
  })
}

/** An answer that came from the proxy, not the vendor: a 407, or a tunnel the proxy would not open. */
function proxyAnswer(
  route: ProxyRoute,
  status: number | undefined,
  tunnelStatus: number | undefined,
  target: URL,
): Error | undefined {
  if (status === 407 || tunnelStatus === 407) return proxyAuthError(route)
  if (tunnelStatus !== undefined && tunnelStatus !== 200)
    return proxyRefusedError(route, tunnelStatus, target)
  return undefined
}

/** Certificate verification stays on: a custom CA is added to the system roots, never replaces the check. */
function tlsOptions(tls: TlsOptions | undefined) {
  if (!tls) return {}
  return {
    ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls.cert ? { cert: tls.cert } : {}),
    ...(tls.key ? { key: tls.key } : {}),
  }
}

/**
 * Through a tunnel the TLS socket is opened on the proxy's connection without a host, and for an IP
 * address no server name is sent either: name the host the certificate must match ourselves.
 */
function sameIdentityAs(url: URL): (host: string, cert: PeerCertificate) => Error | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return (_host, cert) => checkServerIdentity(host, cert)
}

function readBody(
  response: IncomingMessage,
  request: HttpRequest,
): Promise<{ body: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    response.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      if (size <= request.maxResponseBytes) {
        chunks.push(chunk)
        return
      }
      if (request.onTooLarge === 'truncate') {
        chunks.push(chunk.subarray(0, chunk.byteLength - (size - request.maxResponseBytes)))
        response.destroy()
        resolve({ body: Buffer.concat(chunks).toString('utf8'), truncated: true })
        return
      }
      response.destroy()
      reject(
        Object.assign(
          new Error(
            `The response is larger than ${formatBytes(request.maxResponseBytes)}; TokenDesk stopped reading it.`,
          ),
          {
            code: ERR_RESPONSE_TOO_LARGE,
          },
        ),
      )
    })
    response.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), truncated: false }))
    response.on('error', reject)
  })
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`No answer within ${ms / 1000} s.`), {
    code: 'ETIMEDOUT',
    name: 'TimeoutError',
  })
}

function pairs(raw: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = []
  for (let index = 0; index + 1 < raw.length; index += 2) result.push([raw[index]!, raw[index + 1]!])
  return result
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`
}
