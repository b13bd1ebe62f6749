import { ERR_DISCOVERY_FAILED } from '../../shared/errorCodes'
import type { Exchange } from '../../shared/exchange'
import { TokenDeskError } from '../errors'
import { displayUrl } from '../http/displayUrl'
import { MAX_TOKEN_RESPONSE_BYTES, performExchange } from '../http/exchange'
import { createMasker } from '../http/mask'
import type { ProxySetting } from '../http/proxy'
import type { HttpResponse, TlsOptions, Transport } from '../http/transport'
import { withoutTrailingSlashes } from '../jwt/lib/trailingSlash'

/** The parts of OpenID Provider Metadata (OIDC Discovery §3, RFC 8414 §2) TokenDesk uses. */
export interface ProviderMetadata {
  issuer: string
  token_endpoint?: string
  authorization_endpoint?: string
  device_authorization_endpoint?: string
  introspection_endpoint?: string
  userinfo_endpoint?: string
  jwks_uri?: string
  token_endpoint_auth_methods_supported?: string[]
  grant_types_supported?: string[]
  scopes_supported?: string[]
  code_challenge_methods_supported?: string[]
  /** RFC 9207: the provider puts `iss` in its authorization responses. */
  authorization_response_iss_parameter_supported?: boolean
  /** OpenID RP-Initiated Logout 1.0. */
  end_session_endpoint?: string
}

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
  | { ok: false; message: string; exchange?: Exchange }

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
      return { ok: false, exchange, message: `Could not reach ${displayUrl(current)}: ${failure?.message}` }
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

/** Fetches and checks the issuer's metadata. The issuer inside must equal the one asked for (OIDC Discovery §4.3). */
export async function fetchProviderMetadata(
  transport: Transport,
  issuer: string,
  options: DiscoveryOptions,
): Promise<{ metadata: ProviderMetadata; exchange: Exchange }> {
  const url = discoveryUrl(issuer)
  const got = await getDiscoveryDocument(transport, url, options)
  const fail = (message: string, exchange = got.exchange): never => {
    throw new TokenDeskError(ERR_DISCOVERY_FAILED, message, { field: 'issuer', details: { exchange } })
  }
  if (!got.ok) return fail(got.message)
  const { response, exchange } = got
  if (response.status !== 200)
    return fail(`${displayUrl(got.url)} answered HTTP ${response.status}. Check the issuer URL.`)
  let metadata: ProviderMetadata
  try {
    metadata = JSON.parse(response.body) as ProviderMetadata
  } catch {
    return fail(`${displayUrl(got.url)} did not return JSON. Check the issuer URL.`)
  }
  const named = typeof metadata?.issuer === 'string' ? metadata.issuer : undefined
  if (named === undefined || withoutTrailingSlashes(named) !== withoutTrailingSlashes(issuer)) {
    return fail(
      `The metadata names issuer "${displayUrl(String(named ?? ''))}", not "${displayUrl(issuer)}". Use the issuer exactly as the provider states it.`,
    )
  }
  return { metadata, exchange }
}

/** RFC 8414 auth method names, by TokenDesk's client-auth style. */
export const AUTH_METHOD_NAMES: Record<string, string> = {
  basic: 'client_secret_basic',
  body: 'client_secret_post',
  none: 'none',
  client_secret_jwt: 'client_secret_jwt',
  private_key_jwt: 'private_key_jwt',
}
