import type { PreflightWarning } from './preflight'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { Preset } from '../../shared/preset'
import type { TokenOutcome } from '../../shared/token'
import type { ExchangeOptions, ExchangeResult } from '../http/exchange'
import type { Masker, PreparedRequest } from '../http/mask'
import type { Transport } from '../http/transport'
import type { ResolvedIntegration } from '../integration/resolve'
import type { EngineDeps, TokenOptions } from './engine'
import type { Grant, GrantInput } from './grants/grant'
import type { TokenCache } from './tokenCache'

/** An integration made ready to send: values resolved, endpoints discovered, pre-flight warnings collected. */
export interface Prepared {
  resolved: ResolvedIntegration
  preset?: Preset
  warnings: string[]
  /** The same pre-flight findings with the form field each is about, for the form. */
  checks: PreflightWarning[]
  masker: Masker
}

export type ExchangeLimits = Pick<ExchangeOptions, 'maxResponseBytes' | 'onTooLarge'>

/**
 * The engine's shared pieces, handed to the operations kept in their own files (apiCall, deviceFlow,
 * previewRequest, describeToken) so they prepare, send, record and cache through the engine's one path.
 */
export interface EngineCore {
  prepare(integration: Integration): Promise<Prepared>
  send(
    request: PreparedRequest,
    purpose: Exchange['purpose'],
    resolved: ResolvedIntegration,
    masker: Masker,
    signal?: AbortSignal,
    limits?: ExchangeLimits,
  ): Promise<ExchangeResult>
  requestToken(
    prepared: Prepared,
    grant: Grant,
    input: GrantInput,
    options: TokenOptions,
  ): Promise<TokenOutcome>
  getToken(integration: Integration, options?: TokenOptions): Promise<TokenOutcome>
  cache: TokenCache
  now: () => number
  transport: Transport
  onExchange: NonNullable<EngineDeps['onExchange']>
}

/** An operation from its own file, given the engine's core; callers see its signature without `core`. */
export function withCore<A extends unknown[], R>(
  core: EngineCore,
  operation: (core: EngineCore, ...args: A) => R,
): (...args: A) => R {
  return (...args) => operation(core, ...args)
}
