import type { Integration } from '../../../shared/integration'
import type { TokenOutcome, TokenOutcomeSuccess } from '../../../shared/token'
import { tryDecodeJwt } from '../../jwt/decode'
import type { OAuthDeps } from '../deps'
import { dpopKeyFor } from '../dpop/attempts'
import { dpopKeyThumbprint } from '../dpop/thumbprint'
import { prepareIntegration, type Prepared } from '../prepared'
import { grantFor, refreshTokenGrant } from '../requests/grants'
import type { Grant, GrantInput } from '../requests/grants/grant'
import { refreshTokenSent, requestToken } from './requestToken'

/** When a kept token may be reused instead of asking the vendor. */
export interface CachePolicy {
  /** Identifies the integration in the cache (and its exchanges in the history). Without it, every call asks the vendor. */
  cacheKey?: string
  /** Skip the cached token (but still share one in-flight request). */
  fresh?: boolean
  /** With `fresh`: the token the API just refused. If the cache already holds another one, that is used. */
  staleAccessToken?: string
}

export interface TokenOptions extends CachePolicy {
  /** Values for this run: a code from the sign-in, a pasted refresh token. */
  input?: GrantInput
  signal?: AbortSignal
}

/**
 * A token for the integration: the cached one while it is fresh; else one request shared by every
 * concurrent caller, renewing with the refresh token first and falling back to the grant itself
 * when the vendor refuses the refresh token.
 */
export async function getToken(
  deps: OAuthDeps,
  integration: Integration,
  options: TokenOptions = {},
): Promise<TokenOutcome> {
  const ready = await prepareIntegration(deps, integration)
  if (!ready.ok) return ready
  const { prepared } = ready
  const grant = grantFor(prepared.resolved.grant)
  const input = options.input ?? {}
  const key = options.cacheKey
  const sending = { cacheKey: key, signal: options.signal }
  if (!key) return requestToken(deps, prepared, grant, input, sending)
  // A code from a sign-in that just finished is redeemed, whatever the cache holds: the user signed in
  // (perhaps as someone else) to get exactly this token.
  if (input.code) {
    const redeemed = await requestToken(deps, prepared, grant, input, sending)
    if (redeemed.ok) deps.cache.set(key, redeemed.token)
    return redeemed
  }
  const outcome = await (reuseCached(deps, prepared, key, options) ??
    deps.cache.singleFlight(
      key,
      async () =>
        reuseCached(deps, prepared, key, options) ??
        renewOrRequest(deps, prepared, grant, input, { ...sending, cacheKey: key }),
    ))
  return outcome.ok && outcome.source === 'cache' ? withDpopThumbprint(deps, prepared, key, outcome) : outcome
}

/** A cached token under DPoP shows the thumbprint of the key in use, to compare with its cnf.jkt. */
async function withDpopThumbprint(
  deps: OAuthDeps,
  prepared: Prepared,
  key: string,
  outcome: TokenOutcomeSuccess,
): Promise<TokenOutcomeSuccess> {
  const dpopKey = await dpopKeyFor(deps, prepared.resolved, key)
  return dpopKey ? { ...outcome, dpopKeyThumbprint: await dpopKeyThumbprint(dpopKey) } : outcome
}

/** The cached token when the policy allows it: fresh, or (after a 401) already replaced by another caller. */
function reuseCached(
  deps: OAuthDeps,
  prepared: Prepared,
  key: string,
  policy: CachePolicy,
): TokenOutcomeSuccess | undefined {
  const cached = deps.cache.get(key)
  if (!cached) return undefined
  const replacedSinceRefusal =
    policy.staleAccessToken !== undefined && cached.token.access_token !== policy.staleAccessToken
  if (policy.fresh ? !replacedSinceRefusal : !deps.cache.isFresh(cached)) return undefined
  return {
    ok: true,
    token: cached.token,
    jwt: tryDecodeJwt(cached.token.access_token),
    warnings: prepared.warnings,
    source: 'cache',
  }
}

/** The refresh token first (RFC 6749 §6), then the integration's own grant. */
async function renewOrRequest(
  deps: OAuthDeps,
  prepared: Prepared,
  grant: Grant,
  input: GrantInput,
  sending: { cacheKey: string; signal?: AbortSignal },
): Promise<TokenOutcome> {
  const { cache } = deps
  const key = sending.cacheKey
  const ownRefreshToken =
    grant.grantType === 'refresh_token' ? refreshTokenSent(prepared.resolved, input) : undefined
  const refreshToken = cache.refreshTokenFor(key, ownRefreshToken)
  if (refreshToken) {
    const refreshed = await requestToken(deps, prepared, refreshTokenGrant, { refreshToken }, sending)
    if (refreshed.ok) {
      cache.set(key, refreshed.token, refreshToken)
      return { ...refreshed, token: cache.get(key)!.token, source: 'refresh' as const }
    }
    if (refreshed.diagnosis.kind === 'network') return refreshed
    cache.refuseRefreshToken(key, refreshToken)
    // Rotation: the integration's own refresh token was replaced by the one just refused; sending it would only be refused too.
    if (ownRefreshToken && cache.fateOf(key, ownRefreshToken)) return refreshed
    // A refused refresh (expired, revoked, or a vendor without refresh) falls back to the grant itself.
    prepared.warnings.push(
      `Renewing with the refresh token failed (${refreshed.diagnosis.summary}); asked for a new token instead.`,
    )
  }
  const outcome = await requestToken(deps, prepared, grant, input, sending)
  if (outcome.ok) cache.set(key, outcome.token, ownRefreshToken)
  else if (ownRefreshToken && outcome.diagnosis.kind !== 'network')
    cache.refuseRefreshToken(key, ownRefreshToken)
  return outcome
}
