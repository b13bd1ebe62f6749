import { create } from 'zustand'
import type { StorageStatus } from '@shared/ipc/contract'
import { tokendesk } from '../api/client'

interface AppState {
  /** The version main reports (package.json's, via Electron's app.getVersion()). */
  version: string
  storage: StorageStatus | null
  load: () => Promise<void>
  allowWeakEncryption: (allow: boolean) => Promise<void>
}

/** What the app as a whole shows: its version, and how secrets are kept on this machine. */
export const useApp = create<AppState>((set) => ({
  version: '',
  storage: null,
  load: async () => {
    const [info, storage] = await Promise.all([tokendesk().app.info({}), tokendesk().app.storageStatus({})])
    set({
      ...(info.ok ? { version: info.value.version } : {}),
      ...(storage.ok ? { storage: storage.value } : {}),
    })
  },
  allowWeakEncryption: async (allow) => {
    const result = await tokendesk().app.allowWeakEncryption({ allow })
    if (result.ok) set({ storage: result.value })
  },
}))
