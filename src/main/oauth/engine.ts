import type { ApiRequest } from '../../shared/apiCall'
import type { Integration } from '../../shared/integration'
import type { DeviceAuthorization } from '../../shared/token'
import { diagnoseDiscoveryFailure } from '../diagnose/discoveryFailure'
import { createNodeTransport, type Transport } from '../http/transport'
import type { Environment } from '../integration/resolve'
import type { ExchangeRecord, OAuthDeps } from './deps'
import { callApiRenewingOn401 } from './operations/callApiRenewingOn401'
import { pollDeviceToken, startDeviceAuthorization } from './operations/deviceSignIn'
import { getToken, type TokenOptions } from './operations/getToken'
import { introspect } from './operations/introspect'
import { previewTokenRequest } from './operations/previewTokenRequest'
import { redeemPastedCode } from './operations/redeemPastedCode'
import { revoke, type RevokeOptions } from './operations/revoke'
import { startSignIn } from './operations/startSignIn'
import { userinfo } from './operations/userinfo'
import { prepareOrThrow } from './prepared'
import type { GrantInput } from './requests/grants/grant'
import type { SignInOptions } from './signIn/signInAttempt'
import { DpopKeys } from './state/dpopKeys'
import { DpopNonces } from './state/dpopNonces'
import { ProviderMetadataCache } from './state/providerMetadataCache'
import { RequestRate } from './state/requestRate'
import { SignInSessions } from './state/signInSessions'
import { TokenCache } from './state/tokenCache'

export type { CachePolicy, TokenOptions } from './operations/getToken'

export interface EngineDeps {
  transport?: Transport
  env?: Environment
  now?: () => number
  cache?: TokenCache
  /** Every exchange made, masked, with its diagnosis when it failed: the history's feed. */
  onExchange?: (record: ExchangeRecord) => void
  /**
   * A DPoP proof key was made for an integration that kept none (its token cache key, and the key
   * as a private JWK): keep it at "dpop.privateKey", as a rotated refresh token is kept, so tokens
   * bound to it outlive the session. Called once per key made.
   */
  onNewDpopKey?: (cacheKey: string, privateKey: string) => void
}

export type TokenEngine = ReturnType<typeof createTokenEngine>

/**
 * The OAuth engine: the operations a user asks for, each in its own file under operations/, wired
 * to one transport, one cache and one history feed. Plain Node; the app reaches it over IPC, the
 * CLI directly.
 */
export function createTokenEngine(engineDeps: EngineDeps = {}) {
  const env = engineDeps.env ?? process.env
  const now = engineDeps.now ?? Date.now
  // The same environment the integration's {"env"} values come from names the proxy.
  const transport = engineDeps.transport ?? createNodeTransport({ env })
  // Looked up at each exchange, so an onExchange set on the deps after the engine was made is still fed.
  const record = (entry: ExchangeRecord) => engineDeps.onExchange?.(entry)
  const deps: OAuthDeps = {
    transport,
    env,
    now,
    cache: engineDeps.cache ?? new TokenCache(now),
    rate: new RequestRate(now),
    metadata: new ProviderMetadataCache(transport, (found) =>
      found.ok
        ? record({ exchange: found.exchange })
        : found.exchange && record({ exchange: found.exchange, diagnosis: diagnoseDiscoveryFailure(found) }),
    ),
    dpopKeys: new DpopKeys((owner, privateKey) => engineDeps.onNewDpopKey?.(owner, privateKey)),
    dpopNonces: new DpopNonces(),
    record,
  }
  const signInSessions = new SignInSessions()
  return {
    getToken: (integration: Integration, options?: TokenOptions) => getToken(deps, integration, options),
    redeemPastedCode: (
      integration: Integration,
      pasted: string,
      options: TokenOptions & { cacheKey: string },
    ) => redeemPastedCode(deps, signInSessions, integration, pasted, options),
    callApi: (integration: Integration, request: ApiRequest, options?: TokenOptions) =>
      callApiRenewingOn401(deps, integration, request, options),
    describeToken: (integration: Integration, kind: 'introspection' | 'userinfo', options?: TokenOptions) =>
      kind === 'introspection'
        ? introspect(deps, integration, options)
        : userinfo(deps, integration, options),
    /** RFC 7009: revokes the kept access and/or refresh token, and forgets what the vendor revoked. */
    revoke: (integration: Integration, options: RevokeOptions) => revoke(deps, integration, options),
    previewTokenRequest: (integration: Integration, options?: { reveal?: boolean; input?: GrantInput }) =>
      previewTokenRequest(deps, integration, options),
    startSignIn: (integration: Integration, options?: Partial<SignInOptions>) =>
      startSignIn(deps, integration, options),
    /** The provider's discovery metadata, when the integration names an issuer. */
    providerMetadata: async (integration: Integration) => {
      const { resolved, metadata } = await prepareOrThrow(deps, integration)
      return { resolved, metadata }
    },
    startDeviceAuthorization: (integration: Integration, options?: TokenOptions) =>
      startDeviceAuthorization(deps, integration, options),
    pollDeviceToken: (integration: Integration, authorization: DeviceAuthorization, options?: TokenOptions) =>
      pollDeviceToken(deps, integration, authorization, options),
    cache: deps.cache,
    /** Sign-ins and device sign-ins in progress, by integration. */
    signInSessions,
  }
}
