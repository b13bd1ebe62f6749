import type { Integration } from './integration'

/** Keep access tokens across restarts (encrypted) or for this session only. */
export type TokenStorage = 'disk' | 'session'

export interface IntegrationSummary {
  id: string
  name: string
  preset?: string
  grant: string
  updatedAt: string
  /** The workspace sub-folder it is filed in (["Payroll", "Employees"]); absent at the top. */
  folder?: string[]
  /** Labels of secrets the workspace file says are needed and this person has not set ("Client secret"). */
  needs?: string[]
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
  folder?: string[]
  /** The file's content hash as loaded: sent back on save, so a change on disk is never overwritten unseen. */
  revision?: string
  /** As in IntegrationSummary: what this person still has to fill in. */
  needs?: string[]
}

/** The line an integration gets in lists and the command palette; main and the renderer both use this one. */
export function summaryOf({
  id,
  integration,
  updatedAt,
  folder,
  needs,
}: Pick<EditableIntegration, 'id' | 'integration' | 'updatedAt' | 'folder' | 'needs'>): IntegrationSummary {
  return {
    id,
    name: integration.name || 'Untitled integration',
    preset: integration.preset,
    grant: integration.grant,
    updatedAt,
    ...(folder?.length && { folder }),
    ...(needs?.length && { needs }),
    ...(integration.sandbox && { sandbox: true }),
  }
}
