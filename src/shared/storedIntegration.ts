import type { Integration } from './integration'

/** Keep access tokens across restarts (encrypted) or for this session only. */
export type TokenStorage = 'disk' | 'session'

export interface IntegrationSummary {
  id: string
  name: string
  preset?: string
  grant: string
  updatedAt: string
  /** A sandbox twin: shown with the "Sandbox" badge. */
  sandbox?: boolean
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
