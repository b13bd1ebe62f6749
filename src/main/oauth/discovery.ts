import { ERR_DISCOVERY_FAILED } from '../../shared/errorCodes'
import type { Exchange } from '../../shared/exchange'
import { TokenDeskError } from '../errors'
import { performExchange } from '../http/exchange'
import { createMasker } from '../http/mask'
import type { Transport } from '../http/transport'
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

export function discoveryUrl(issuer: string): string {
  return `${withoutTrailingSlashes(issuer)}/.well-known/openid-configuration`
}

/** Fetches and checks the issuer's metadata. The issuer inside must equal the one asked for (OIDC Discovery §4.3). */
export async function fetchProviderMetadata(
  transport: Transport,
  issuer: string,
  options: { timeoutMs: number; now: () => number },
): Promise<{ metadata: ProviderMetadata; exchange: Exchange }> {
  const { exchange, response, failure } = await performExchange(
    transport,
    { method: 'GET', url: discoveryUrl(issuer), headers: [['Accept', 'application/json']], body: null },
    {
      purpose: 'discovery',
      timeoutMs: options.timeoutMs,
      maxResponseBytes: 1024 * 1024,
      masker: createMasker([]),
      now: options.now,
    },
  )
  const fail = (message: string): never => {
    throw new TokenDeskError(ERR_DISCOVERY_FAILED, message, { field: 'issuer', details: { exchange } })
  }
  if (failure || !response) return fail(`Could not reach ${discoveryUrl(issuer)}: ${failure?.message}`)
  if (response.status !== 200)
    return fail(`${discoveryUrl(issuer)} answered HTTP ${response.status}. Check the issuer URL.`)
  let metadata: ProviderMetadata
  try {
    metadata = JSON.parse(response.body) as ProviderMetadata
  } catch {
    return fail(`${discoveryUrl(issuer)} did not return JSON. Check the issuer URL.`)
  }
  if (withoutTrailingSlashes(String(metadata.issuer ?? '')) !== withoutTrailingSlashes(issuer)) {
    return fail(
      `The metadata names issuer "${metadata.issuer}", not "${issuer}". Use the issuer exactly as the provider states it.`,
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
