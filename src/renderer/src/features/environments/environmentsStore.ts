import { create } from 'zustand'
import { ERR_WORKSPACE_CONFLICT } from '../../../../shared/errorCodes'
import type { ErrorData } from '../../../../shared/result'
import type { EnvironmentDraft, EnvironmentsState } from '../../../../shared/workspace'
import { tokendesk } from '../../api/client'

interface EnvironmentsStore extends EnvironmentsState {
  error: ErrorData | null
  /** The save the disk refused: offered again as "Keep mine". */
  conflicted: EnvironmentDraft | null
  load: () => Promise<void>
  select: (name: string | null) => Promise<boolean>
  save: (draft: EnvironmentDraft) => Promise<boolean>
  keepMine: () => Promise<boolean>
  remove: (name: string, revision: string) => Promise<boolean>
  dismissError: () => void
}

/** The workspace's environments and the active one; secret values never reach the renderer. */
export const useEnvironments = create<EnvironmentsStore>((set, get) => {
  const apply = (result: Awaited<ReturnType<ReturnType<typeof tokendesk>['environments']['list']>>) => {
    if (!result.ok) {
      set({ error: result.error })
      return false
    }
    set({ ...result.value, error: null, conflicted: null })
    return true
  }
  return {
    active: null,
    environments: [],
    error: null,
    conflicted: null,
    load: async () => void apply(await tokendesk().environments.list({})),
    select: async (name) => apply(await tokendesk().environments.select({ name })),
    save: async (draft) => {
      const saved = apply(await tokendesk().environments.save(draft))
      if (!saved && get().error?.code === ERR_WORKSPACE_CONFLICT) set({ conflicted: draft })
      return saved
    },
    keepMine: async () => {
      const draft = get().conflicted
      return draft ? apply(await tokendesk().environments.save({ ...draft, overwrite: true })) : false
    },
    remove: async (name, revision) => apply(await tokendesk().environments.delete({ name, revision })),
    dismissError: () => set({ error: null, conflicted: null }),
  }
})
