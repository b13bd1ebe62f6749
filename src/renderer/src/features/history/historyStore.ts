import { create } from 'zustand'
import type { HistoryEntry, HistoryQuery } from '../../../../shared/history'
import { tokendesk } from '../../api/client'

interface HistoryState {
  entries: HistoryEntry[]
  query: HistoryQuery
  openId: string | null
  load: () => Promise<void>
  setQuery: (patch: Partial<HistoryQuery>) => void
  open: (id: string | null) => void
  clear: () => Promise<void>
}

export const useHistory = create<HistoryState>((set, get) => ({
  entries: [],
  query: {},
  openId: null,
  load: async () => {
    const query = get().query
    const result = await tokendesk().history.list(query)
    if (result.ok && get().query === query) set({ entries: result.value })
  },
  setQuery: (patch) => {
    set({ query: { ...get().query, ...patch } })
    void get().load()
  },
  open: (openId) => set({ openId }),
  clear: async () => {
    await tokendesk().history.clear({})
    set({ entries: [], openId: null })
  },
}))
