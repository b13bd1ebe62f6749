import { ERR_DISCOVERY_FAILED } from '../../shared/errorCodes'
import type { Exchange } from '../../shared/exchange'
import { TokenDeskError } from '../errors'
import { displayUrl } from '../http/displayUrl'
import { discoveryUrl, getDiscoveryDocument, type DiscoveryOptions } from '../http/discoveryDocument'
import type { Transport } from '../http/transport'
import { withoutTrailingSlashes } from '../jwt/lib/trailingSlash'

export { MAX_DISCOVERY_REDIRECTS, type DiscoveryOptions } from '../http/discoveryDocument'

/** The parts of OpenID Provider Metadata (OIDC Discovery §3, RFC 8414 §2) TokenDesk uses. */
export interface ProviderMetadata {
  issuer: string
  token_endpoint?: string
  authorization_endpoint?: string
  device_authorization_endpoint?: string
  introspection_endpoint?: string
  /** RFC 7009 §4 / RFC 8414 §2. */
  revocation_endpoint?: string
  userinfo_endpoint?: string
  jwks_uri?: string
  /** RFC 9126 §5. */
  pushed_authorization_request_endpoint?: string
  require_pushed_authorization_requests?: boolean
  token_endpoint_auth_methods_supported?: string[]
  revocation_endpoint_auth_methods_supported?: string[]
  grant_types_supported?: string[]
  scopes_supported?: string[]
  code_challenge_methods_supported?: string[]
  /** RFC 9207: the provider puts `iss` in its authorization responses. */
  authorization_response_iss_parameter_supported?: boolean
  /** RFC 9449 §5.1: the JWS algorithms the provider accepts for DPoP proofs. */
  dpop_signing_alg_values_supported?: string[]
  /** OpenID RP-Initiated Logout 1.0. */
  end_session_endpoint?: string
}

/** What discovery found: the metadata, or why there is none (in words naming the issuer), with the exchange. */
export type Discovery =
  | { ok: true; metadata: ProviderMetadata; exchange: Exchange }
  | { ok: false; message: string; exchange?: Exchange; unreachable?: boolean }

/** Fetches and checks the issuer's metadata. The issuer inside must equal the one asked for (OIDC Discovery §4.3). */
export async function discoverProvider(
  transport: Transport,
  issuer: string,
  options: DiscoveryOptions,
): Promise<Discovery> {
  const got = await getDiscoveryDocument(transport, discoveryUrl(issuer), options)
  if (!got.ok) return got
  const { response, exchange } = got
  const fail = (message: string): Discovery => ({ ok: false, message, exchange })
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
  return { ok: true, metadata, exchange }
}

/** The same, thrown as ERR_DISCOVERY_FAILED (naming the Issuer field) where no diagnosis can be shown. */
export async function fetchProviderMetadata(
  transport: Transport,
  issuer: string,
  options: DiscoveryOptions,
): Promise<{ metadata: ProviderMetadata; exchange: Exchange }> {
  const found = await discoverProvider(transport, issuer, options)
  if (!found.ok) throw discoveryError(found)
  return found
}

export function discoveryError(failure: Extract<Discovery, { ok: false }>): TokenDeskError {
  return new TokenDeskError(ERR_DISCOVERY_FAILED, failure.message, {
    field: 'issuer',
    details: { exchange: failure.exchange },
  })
}

/** RFC 8414 auth method names, by TokenDesk's client-auth style. */
export const AUTH_METHOD_NAMES: Record<string, string> = {
  basic: 'client_secret_basic',
  body: 'client_secret_post',
  none: 'none',
  client_secret_jwt: 'client_secret_jwt',
  private_key_jwt: 'private_key_jwt',
}
