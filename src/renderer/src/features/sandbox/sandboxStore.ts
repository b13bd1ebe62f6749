import { create } from 'zustand'
import type { SandboxIntegrationState, SandboxStatus, SandboxSwitchId } from '../../../../shared/sandbox'
import type { ErrorData } from '../../../../shared/result'
import type { IntegrationSummary } from '../../../../shared/storedIntegration'
import { tokendesk } from '../../api/client'

interface SandboxState {
  status: SandboxStatus | null
  /** The switches of the integration whose panel is open. */
  panel: { id: string; state: SandboxIntegrationState | null } | null
  creating: boolean
  error: ErrorData | null
  /** "Try it with the sandbox": the twins it saved. */
  tryIt: () => Promise<IntegrationSummary[]>
  loadPanel: (id: string) => Promise<void>
  setSwitch: (id: string, which: SandboxSwitchId | null) => Promise<void>
}

export const useSandbox = create<SandboxState>((set) => ({
  status: null,
  panel: null,
  creating: false,
  error: null,
  tryIt: async () => {
    set({ creating: true, error: null })
    const created = await tokendesk().sandbox.tryIt({})
    const status = await tokendesk().sandbox.status({})
    set({
      creating: false,
      error: created.ok ? null : created.error,
      status: status.ok ? status.value : null,
    })
    return created.ok ? created.value : []
  },
  loadPanel: async (id) => {
    const [state, status] = await Promise.all([
      tokendesk().sandbox.state({ id }),
      tokendesk().sandbox.status({}),
    ])
    set({
      panel: { id, state: state.ok ? state.value : null },
      status: status.ok ? status.value : null,
      error: state.ok ? null : state.error,
    })
  },
  setSwitch: async (id, which) => {
    const result = await tokendesk().sandbox.setSwitch({ id, switch: which })
    set(result.ok ? { panel: { id, state: result.value }, error: null } : { error: result.error })
  },
}))
