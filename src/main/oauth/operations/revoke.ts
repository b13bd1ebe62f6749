import type { Integration } from '../../../shared/integration'
import type { RevokeOutcome, RevokedToken } from '../../../shared/token'
import { createMasker } from '../../http/mask'
import type { OAuthDeps } from '../deps'
import { sendAndProcess } from '../exchange/sendAndProcess'
import { prepareIntegration, type Prepared } from '../prepared'
import { revocationRequest } from '../requests/revocation'
import { processRevocationResponse } from '../responses/revocationResponse'

export interface RevokeOptions {
  /** The integration in the cache: its kept tokens are the ones revoked, and forgotten once revoked. */
  cacheKey: string
  which: 'access' | 'refresh' | 'both'
  signal?: AbortSignal
}

/**
 * RFC 7009: asks the vendor to revoke the integration's access token, refresh token, or both, and
 * forgets each one the vendor revoked. The refresh token goes first: revoking it may take the access
 * tokens of its grant with it (RFC 7009 §2.1). A refusal stops there, with its diagnosis.
 */
export async function revoke(
  deps: OAuthDeps,
  integration: Integration,
  options: RevokeOptions,
): Promise<RevokeOutcome> {
  const ready = await prepareIntegration(deps, integration)
  if (!ready.ok)
    return {
      ok: false,
      revoked: [],
      notHeld: [],
      exchanges: ready.exchange ? [ready.exchange] : [],
      diagnosis: ready.diagnosis,
    }
  const { prepared } = ready
  const held = heldTokens(deps, prepared, options.cacheKey)
  const wanted: RevokedToken[] = options.which === 'both' ? ['refresh', 'access'] : [options.which]
  const outcome: RevokeOutcome = { ok: true, revoked: [], notHeld: [], exchanges: [] }
  for (const kind of wanted) {
    const token = held[kind]
    if (!token) {
      outcome.notHeld.push(kind)
      continue
    }
    const masker = createMasker([...prepared.resolved.secrets, token], prepared.resolved.secretNames)
    const sent = await sendAndProcess(deps, prepared, {
      purpose: 'revocation',
      request: await revocationRequest(
        prepared.resolved,
        token,
        kind === 'access' ? 'access_token' : 'refresh_token',
      ),
      masker,
      process: processRevocationResponse,
      diagnosis: { purpose: 'token' },
      signal: options.signal,
      cacheKey: options.cacheKey,
    })
    outcome.exchanges.push(sent.exchange)
    if (!sent.ok) return { ...outcome, ok: false, diagnosis: sent.diagnosis }
    deps.cache.revoked(options.cacheKey, kind === 'access' ? { accessToken: token } : { refreshToken: token })
    outcome.revoked.push(kind)
  }
  return outcome
}

/** The tokens TokenDesk holds for the integration: the cached access token, the newest refresh token (else the saved one). */
function heldTokens(deps: OAuthDeps, prepared: Prepared, key: string): Partial<Record<RevokedToken, string>> {
  return {
    access: deps.cache.get(key)?.token.access_token,
    refresh: deps.cache.kept(key).refreshTokens.current?.value ?? savedRefreshToken(deps, prepared, key),
  }
}

/** The integration's own refresh token, unless TokenDesk already knows it was replaced, refused or revoked. */
function savedRefreshToken(deps: OAuthDeps, prepared: Prepared, key: string): string | undefined {
  const saved = prepared.resolved.refreshToken
  return saved && !deps.cache.fateOf(key, saved) ? saved : undefined
}
