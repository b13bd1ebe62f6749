import type { Agent } from 'node:http'
import { rootCertificates } from 'node:tls'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { ERR_PROXY_AUTH_REQUIRED, ERR_PROXY_REFUSED, ERR_PROXY_URL_INVALID } from '../../shared/errorCodes'
import type { ProxyUsed } from '../../shared/exchange'
import type { Environment } from '../integration/environment'
import { proxyFromEnvironment } from './proxyFromEnvironment'

/** An integration's own choice: "none" connects directly; otherwise this proxy, credentials kept apart (they are secrets). */
export type ProxySetting = 'none' | { url: string; username?: string; password?: string }

/** Which proxy the system uses for a URL (the app: Electron's session). Undefined: directly. */
export type SystemProxyResolver = (url: string) => Promise<string | undefined>

export interface ProxySources {
  /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY (and lowercase): the CLI's and plain Node's proxy. */
  env?: Environment
  /** When given (the app), it answers instead of the environment. */
  resolveSystemProxy?: SystemProxyResolver
}

export interface ProxyRoute {
  /** With the credentials in it: for the agent only, never shown. */
  url: URL
  used: ProxyUsed
  sendsCredentials: boolean
}

/**
 * The one proxy decision for a request: the integration's setting wins ("none" or its URL), then
 * the system's answer (the app) or the environment (the CLI). Undefined: connect directly.
 */
export async function chooseProxy(
  target: URL,
  setting: ProxySetting | undefined,
  sources: ProxySources,
): Promise<ProxyRoute | undefined> {
  if (setting === 'none') return undefined
  if (setting) return route(setting.url, 'integration', setting)
  if (sources.resolveSystemProxy) {
    // The system cannot answer (no session yet): the environment still may.
    const system = await sources.resolveSystemProxy(target.href).catch(() => null)
    if (system !== null) return system ? route(system, 'system') : undefined
  }
  const fromEnv = sources.env && proxyFromEnvironment(target, sources.env)
  return fromEnv ? route(fromEnv, 'environment') : undefined
}

function route(
  address: string,
  source: ProxyUsed['source'],
  credentials: { username?: string; password?: string } = {},
): ProxyRoute {
  const url = URL.canParse(address) ? new URL(address) : undefined
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw Object.assign(new Error(invalidProxyMessage(source)), { code: ERR_PROXY_URL_INVALID })
  }
  // URL's setters percent-encode; the agents decode before building Proxy-Authorization (RFC 7617 Basic).
  if (credentials.username !== undefined) url.username = credentials.username
  if (credentials.password !== undefined) url.password = credentials.password
  return {
    url,
    used: { address: `${url.protocol}//${url.host}`, source },
    sendsCredentials: url.username !== '' || url.password !== '',
  }
}

function invalidProxyMessage(source: ProxyUsed['source']): string {
  const where = {
    integration: 'The integration’s proxy URL',
    environment: 'The proxy named by HTTPS_PROXY or HTTP_PROXY',
    system: 'The system’s proxy',
  }[source]
  return `${where} is not an http:// or https:// address (ERR_PROXY_URL_INVALID).`
}

/**
 * https targets are tunnelled with CONNECT and TLS is set up end to end through the tunnel, with the
 * request's own CA and client certificate (the agent hands them to tls.connect); http targets are sent
 * to the proxy in absolute form. The integration's extra CA is trusted for an https:// proxy as well.
 */
export function proxyAgent(route: ProxyRoute, targetIsHttps: boolean, extraCa: string | undefined): Agent {
  const toProxy = extraCa && route.url.protocol === 'https:' ? { ca: [...rootCertificates, extraCa] } : {}
  return targetIsHttps ? new HttpsProxyAgent(route.url, toProxy) : new HttpProxyAgent(route.url, toProxy)
}

/** RFC 9110 §15.5.8: only a proxy answers 407; the vendor never saw the request. */
export function proxyAuthError(route: ProxyRoute): Error {
  const message = route.sendsCredentials
    ? `The proxy ${route.used.address} refused the proxy user name and password (HTTP 407 Proxy Authentication Required).`
    : `The proxy ${route.used.address} asks for a user name and password (HTTP 407 Proxy Authentication Required).`
  return Object.assign(new Error(message), { code: ERR_PROXY_AUTH_REQUIRED, proxy: route.used })
}

/** The proxy answered CONNECT with something other than 200: it would not or could not reach the server. */
export function proxyRefusedError(route: ProxyRoute, status: number, target: URL): Error {
  return Object.assign(
    new Error(
      `The proxy ${route.used.address} would not connect to ${target.host} (it answered HTTP ${status}).`,
    ),
    { code: ERR_PROXY_REFUSED, proxy: route.used, status },
  )
}

/** Marks an error as having happened on the way through `route`, so the diagnosis names the proxy. */
export function throughProxy(error: unknown, route: ProxyRoute): unknown {
  if (typeof error !== 'object' || error === null) return error
  if (!('proxy' in error)) Object.assign(error, { proxy: route.used })
  return error
}
