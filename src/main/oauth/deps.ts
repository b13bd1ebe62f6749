import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { Transport } from '../http/transport'
import type { Environment } from '../integration/resolve'
import type { DpopKeys } from './state/dpopKeys'
import type { DpopNonces } from './state/dpopNonces'
import type { ProviderMetadataCache } from './state/providerMetadataCache'
import type { RequestRate } from './state/requestRate'
import type { TokenCache } from './state/tokenCache'

/** One exchange as the history keeps it: masked, with its diagnosis when it failed, and whose it was. */
export interface ExchangeRecord {
  exchange: Exchange
  diagnosis?: Diagnosis
  cacheKey?: string
}

/** What every operation works with, made once by the engine. Plain values and state: nothing to call back. */
export interface OAuthDeps {
  transport: Transport
  env: Environment
  now: () => number
  cache: TokenCache
  rate: RequestRate
  metadata: ProviderMetadataCache
  /** DPoP proof keys in use, and the nonce each server last gave. */
  dpopKeys: DpopKeys
  dpopNonces: DpopNonces
  /** Every exchange made, once: the history's feed. */
  record(record: ExchangeRecord): void
}
