import { create } from 'zustand'
import type { ImportOutcome } from '@shared/ipc/contract'
import type { Preset } from '@shared/preset'
import type { Result } from '@shared/result'
import type { IntegrationSummary } from '@shared/storedIntegration'
import { tokendesk } from '../../api/client'

interface IntegrationsState {
  summaries: IntegrationSummary[]
  presets: Preset[]
  /** The list and the presets were read once; afterwards main's answers keep them current. */
  loaded: boolean
  search: string
  selectedId: string | null
  /** The last deleted integration, while its undo is offered. */
  deleted: IntegrationSummary | null
  loadError: string | null
  load: () => Promise<void>
  refresh: () => Promise<void>
  /** An integration main just saved (Save, Get token, sign-in): listed or updated without asking main again. */
  upsert: (summary: IntegrationSummary) => void
  setSearch: (search: string) => void
  select: (id: string | null) => void
  remove: (id: string) => Promise<void>
  undoRemove: () => Promise<void>
  duplicate: (id: string) => Promise<string | null>
  /** One file or several picked at once (a collection and its environments). */
  importFiles: (
    files: Array<{ name: string; text: string }>,
    passphrase?: string,
  ) => Promise<Result<ImportOutcome>>
  /** Main picks a folder (a Bruno collection) and imports it. */
  importFolder: () => Promise<Result<ImportOutcome>>
  exportIntegration: (
    id: string,
    secrets: { includeSecrets: boolean; passphrase?: string },
  ) => Promise<Result<{ saved: boolean; path?: string }>>
}

/** The sidebar: saved integrations, the presets to start from, delete-with-undo, import and export. */
export const useIntegrations = create<IntegrationsState>((set, get) => ({
  summaries: [],
  presets: [],
  loaded: false,
  search: '',
  selectedId: null,
  deleted: null,
  loadError: null,
  load: async () => {
    if (get().loaded) return
    set({ loaded: true })
    const [, presets] = await Promise.all([get().refresh(), tokendesk().presets.list({})])
    if (presets.ok) set({ presets: presets.value })
  },
  refresh: async () => {
    const result = await tokendesk().integrations.list({})
    set(result.ok ? { summaries: result.value, loadError: null } : { loadError: result.error.message })
  },
  upsert: (summary) =>
    set({
      summaries: [...get().summaries.filter((each) => each.id !== summary.id), summary].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    }),
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
  importFiles: async (files, passphrase) => {
    const picked = files.length === 1 ? { file: files[0] } : { files }
    const result = await tokendesk().integrations.import({ ...picked, passphrase })
    if (result.ok && !result.value.cancelled) await get().refresh()
    return result
  },
  importFolder: async () => {
    const result = await tokendesk().integrations.importFolder({})
    if (result.ok && !result.value.cancelled) await get().refresh()
    return result
  },
  exportIntegration: (id, { includeSecrets, passphrase }) =>
    tokendesk().integrations.export({ ids: [id], includeSecrets, passphrase }),
}))

export function visibleSummaries(summaries: IntegrationSummary[], search: string): IntegrationSummary[] {
  const needle = search.trim().toLowerCase()
  if (!needle) return summaries
  return summaries.filter((summary) =>
    `${summary.name} ${summary.grant} ${summary.preset ?? ''}`.toLowerCase().includes(needle),
  )
}
