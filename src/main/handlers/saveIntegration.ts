import type { EditableIntegration, TokenStorage } from '../../shared/storedIntegration'
import { parseIntegration } from '../integration/parse'
import type { AppServices } from '../services'

/** What the form sends to save an integration: from Save, or from Get token with unsaved changes. */
export interface IntegrationSaveRequest {
  id?: string
  integration: Record<string, unknown>
  keepSecrets?: string[]
  tokenStorage?: TokenStorage
  folder?: string[]
  /** The file revision the form loaded: a change on disk since is refused as a conflict. */
  revision?: string
  /** "Keep mine": save over a change on disk. */
  overwrite?: boolean
}

/**
 * Saves as the form asked, the one way both Save and Get token do it. Sandbox and real tokens never
 * mix: turning an integration into a sandbox twin or back forgets its tokens.
 */
export function saveIntegration(
  { repository, engine, tokenKeysOf }: Pick<AppServices, 'repository' | 'engine' | 'tokenKeysOf'>,
  { integration, ...request }: IntegrationSaveRequest,
): EditableIntegration {
  const parsed = parseIntegration(integration)
  const { id } = request
  if (id && repository.exists(id) && repository.isSandbox(id) !== (parsed.sandbox === true))
    for (const key of tokenKeysOf(id)) engine.cache.forget(key)
  return repository.save({ ...request, integration: parsed })
}
