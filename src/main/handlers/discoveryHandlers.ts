import { discoveredEndpoints } from '../../shared/discovery'
import { parseIntegration } from '../integration/parse'
import { discoveryUrl } from '../http/discoveryDocument'
import type { AppServices } from '../services'
import type { Handlers } from './handlerType'

/** The form's "Discovered from …": what the issuer's discovery document names, read with the draft's settings. */
export function discoveryHandlers({ engine }: AppServices): Pick<Handlers, 'discovery.get'> {
  return {
    'discovery.get': async ({ integration }) => {
      const { resolved, metadata } = await engine.providerMetadata(parseIntegration(integration))
      const issuer = resolved.issuer?.trim()
      if (!issuer || !metadata) return null
      return {
        issuer,
        discoveryUrl: discoveryUrl(issuer),
        endpoints: discoveredEndpoints(metadata as unknown as Record<string, unknown>),
      }
    },
  }
}
