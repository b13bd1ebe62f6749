import { create } from 'zustand'
import type { Preset } from '../../../../shared/preset'
import type { IntegrationSummary } from '../../../../shared/storedIntegration'
import { tokendesk } from '../../api/client'

interface IntegrationsState {
  summaries: IntegrationSummary[]
  presets: Preset[]
  search: string
  selectedId: string | null
  /** The last deleted integration, while its undo is offered. */
  deleted: IntegrationSummary | null
  loadError: string | null
  refresh: () => Promise<void>
  loadPresets: () => Promise<void>
  setSearch: (search: string) => void
  select: (id: string | null) => void
  remove: (id: string) => Promise<void>
  undoRemove: () => Promise<void>
  duplicate: (id: string) => Promise<string | null>
}

/** The sidebar: saved integrations, the presets to start from, and delete-with-undo. */
export const useIntegrations = create<IntegrationsState>((set, get) => ({
  summaries: [],
  presets: [],
  search: '',
  selectedId: null,
  deleted: null,
  loadError: null,
  refresh: async () => {
    const result = await tokendesk().integrations.list({})
    set(result.ok ? { summaries: result.value, loadError: null } : { loadError: result.error.message })
  },
  loadPresets: async () => {
    const result = await tokendesk().presets.list({})
    if (result.ok) set({ presets: result.value })
  },
  setSearch: (search) => set({ search }),
  select: (selectedId) => set({ selectedId }),
  remove: async (id) => {
    const summary = get().summaries.find((each) => each.id === id) ?? null
    const result = await tokendesk().integrations.delete({ id })
    if (!result.ok) return
    set({ deleted: summary, selectedId: get().selectedId === id ? null : get().selectedId })
    await get().refresh()
  },
  undoRemove: async () => {
    const deleted = get().deleted
    if (!deleted) return
    const result = await tokendesk().integrations.undoDelete({ id: deleted.id })
    set({ deleted: null })
    if (result.ok) {
      await get().refresh()
      set({ selectedId: deleted.id })
    }
  },
  duplicate: async (id) => {
    const result = await tokendesk().integrations.duplicate({ id })
    if (!result.ok) return null
    await get().refresh()
    set({ selectedId: result.value.id })
    return result.value.id
  },
}))

export function visibleSummaries(summaries: IntegrationSummary[], search: string): IntegrationSummary[] {
  const needle = search.trim().toLowerCase()
  if (!needle) return summaries
  return summaries.filter((summary) =>
    `${summary.name} ${summary.grant} ${summary.preset ?? ''}`.toLowerCase().includes(needle),
  )
}
