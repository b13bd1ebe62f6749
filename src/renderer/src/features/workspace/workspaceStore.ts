import { create } from 'zustand'
import type { WorkspaceInfo } from '../../../../shared/workspace'
import { tokendesk } from '../../api/client'

/** How often the renderer asks whether files changed on disk; main's watcher does the watching. */
export const WORKSPACE_POLL_MS = 1000

interface WorkspaceState {
  info: WorkspaceInfo | null
  error: string | null
  load: () => Promise<WorkspaceInfo | null>
  openFolder: () => Promise<void>
  openDefault: () => Promise<void>
}

/** The open workspace (its folder, problems, and the revision that goes up on every change on disk). */
export const useWorkspace = create<WorkspaceState>((set) => ({
  info: null,
  error: null,
  load: async () => {
    const result = await tokendesk().workspace.current({})
    if (!result.ok) {
      set({ error: result.error.message })
      return null
    }
    set({ info: result.value, error: null })
    return result.value
  },
  openFolder: async () => {
    const result = await tokendesk().workspace.open({})
    if (!result.ok) return set({ error: result.error.message })
    if (!result.value.cancelled) set({ info: result.value.workspace, error: null })
  },
  openDefault: async () => {
    const result = await tokendesk().workspace.useDefault({})
    set(result.ok ? { info: result.value, error: null } : { error: result.error.message })
  },
}))

/** The revision and folder together: a change to either means the list, form and environments reload. */
export function workspaceVersion(info: WorkspaceInfo | null): string {
  return info ? `${info.path}#${info.revision}` : ''
}
