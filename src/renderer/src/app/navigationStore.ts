import { create } from 'zustand'

export type Screen = 'integrations' | 'inspector' | 'history'

interface NavigationState {
  screen: Screen
  /** A change of screen waits for this to say yes (unsaved changes in a form). */
  leaveGuard: (() => boolean) | null
  go: (screen: Screen) => void
  setLeaveGuard: (guard: (() => boolean) | null) => void
}

export const useNavigation = create<NavigationState>((set, get) => ({
  screen: 'integrations',
  leaveGuard: null,
  go: (screen) => {
    const guard = get().leaveGuard
    if (screen !== get().screen && guard && !guard()) return
    set({ screen })
  },
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
}))
