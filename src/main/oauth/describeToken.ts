import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { TokenOptions } from './engine'
import type { EngineCore } from './engineCore'
import { fetchUserinfo, introspectToken } from './tokenInfo'

/** Asks the vendor about the integration's current token: introspection (RFC 7662) or userinfo (OIDC). */
export async function describeToken(
  core: EngineCore,
  integration: Integration,
  kind: 'introspection' | 'userinfo',
  options: TokenOptions = {},
) {
  const current = await core.getToken(integration, options)
  if (!current.ok) return { ok: false, exchange: current.exchange, diagnosis: current.diagnosis }
  const { resolved, preset } = await core.prepare(integration)
  const infoDeps = {
    transport: core.transport,
    now: core.now,
    onExchange: ({ exchange, diagnosis }: { exchange: Exchange; diagnosis?: Diagnosis }) =>
      core.onExchange({ exchange, diagnosis, cacheKey: options.cacheKey }),
  }
  return kind === 'introspection'
    ? introspectToken(infoDeps, resolved, preset, current.token.access_token)
    : fetchUserinfo(infoDeps, resolved, preset, current.token.access_token)
}
