import type { Integration } from './integration'

/** Keep access tokens across restarts (encrypted) or for this session only. */
export type TokenStorage = 'disk' | 'session'

export interface IntegrationSummary {
  id: string
  name: string
  preset?: string
  grant: string
  updatedAt: string
}

/**
 * An integration as the form edits it: secret values are never sent to the renderer. `secretsSet`
 * lists the paths that hold a saved secret; the form shows them as set, and reveals one on request.
 */
export interface EditableIntegration {
  id: string
  integration: Integration
  secretsSet: string[]
  tokenStorage: TokenStorage
  createdAt: string
  updatedAt: string
}

/** The line an integration gets in lists and the command palette; main and the renderer both use this one. */
export function summaryOf({
  id,
  integration,
  updatedAt,
}: Pick<EditableIntegration, 'id' | 'integration' | 'updatedAt'>): IntegrationSummary {
  return {
    id,
    name: integration.name || 'Untitled integration',
    preset: integration.preset,
    grant: integration.grant,
    updatedAt,
  }
}
