import type { Transport } from '../../http/transport'
import { discoverProvider, type Discovery, type DiscoveryOptions } from '../discovery'

/**
 * Discovery documents by issuer, fetched once per engine; a failed fetch is forgotten so the next
 * request tries again. `onFetched` is told of each document actually fetched (the history's feed).
 */
export class ProviderMetadataCache {
  private readonly byIssuer = new Map<string, Promise<Discovery>>()

  constructor(
    private readonly transport: Transport,
    private readonly onFetched: (found: Discovery) => void,
  ) {}

  discover(issuer: string, options: DiscoveryOptions): Promise<Discovery> {
    let pending = this.byIssuer.get(issuer)
    if (!pending) {
      pending = discoverProvider(this.transport, issuer, options).then((found) => {
        if (!found.ok) this.byIssuer.delete(issuer)
        this.onFetched(found)
        return found
      })
      this.byIssuer.set(issuer, pending)
    }
    return pending
  }
}
