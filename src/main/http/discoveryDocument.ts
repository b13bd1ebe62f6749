import type { Exchange } from '../../shared/exchange'
import { withoutTrailingSlashes } from '../jwt/lib/trailingSlash'
import { displayUrl } from './displayUrl'
import { MAX_TOKEN_RESPONSE_BYTES, performExchange } from './exchange'
import { createMasker } from './mask'
import type { ProxySetting } from './proxy'
import type { HttpResponse, TlsOptions, Transport } from './transport'

/** A discovery document is a few kilobytes: the token endpoint's cap is ample. */
export const MAX_DISCOVERY_BYTES = MAX_TOKEN_RESPONSE_BYTES
/** Same-origin redirects followed on a discovery GET (e.g. a 301 to a trailing slash). */
export const MAX_DISCOVERY_REDIRECTS = 3

export interface DiscoveryOptions {
  timeoutMs: number
  now: () => number
  tls?: TlsOptions
  proxy?: ProxySetting
}

export function discoveryUrl(issuer: string): string {
  return `${withoutTrailingSlashes(issuer)}/.well-known/openid-configuration`
}

export type DiscoveryGet =
  | { ok: true; response: HttpResponse; exchange: Exchange; url: string }
  | { ok: false; message: string; exchange?: Exchange; unreachable?: boolean }

/**
 * GETs a discovery document, size-capped. Same-origin redirects are followed (at most
 * MAX_DISCOVERY_REDIRECTS): some servers send /.well-known/openid-configuration to the same path with
 * a trailing slash. A redirect to another origin is refused — the document must come from the issuer.
 */
export async function getDiscoveryDocument(
  transport: Transport,
  url: string,
  options: DiscoveryOptions,
): Promise<DiscoveryGet> {
  let current = url
  for (let hop = 0; ; hop++) {
    const { exchange, response, failure } = await performExchange(
      transport,
      { method: 'GET', url: current, headers: [['Accept', 'application/json']], body: null },
      {
        purpose: 'discovery',
        timeoutMs: options.timeoutMs,
        maxResponseBytes: MAX_DISCOVERY_BYTES,
        tls: options.tls,
        proxy: options.proxy,
        masker: createMasker([]),
        now: options.now,
      },
    )
    if (failure || !response) {
      return {
        ok: false,
        exchange,
        unreachable: true,
        message: `Could not reach ${displayUrl(current)}: ${failure?.message}`,
      }
    }
    const location = isRedirect(response.status) ? locationOf(response) : undefined
    if (location === undefined) return { ok: true, response, exchange, url: current }
    const next = URL.canParse(location, current) ? new URL(location, current) : undefined
    if (!next || next.origin !== new URL(current).origin) {
      return {
        ok: false,
        exchange,
        message: `${displayUrl(current)} redirected to another site (${displayUrl(next?.origin ?? location)}); TokenDesk reads the discovery document only from the issuer’s own origin. Use the issuer URL the provider states.`,
      }
    }
    if (hop === MAX_DISCOVERY_REDIRECTS) {
      return {
        ok: false,
        exchange,
        message: `${displayUrl(url)} redirected more than ${MAX_DISCOVERY_REDIRECTS} times. Check the issuer URL.`,
      }
    }
    current = next.href
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308
}

function locationOf(response: HttpResponse): string | undefined {
  return response.headers.find(([name]) => name.toLowerCase() === 'location')?.[1]
}
