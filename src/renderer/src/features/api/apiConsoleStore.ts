import { create } from 'zustand'
import type { ApiOutcome } from '@shared/apiCall'
import type { CallInput } from '@shared/ipc/contract'
import type { Result } from '@shared/result'
import { tokendesk } from '../../api/client'

type ApiRequest = CallInput<'api.call'>['request']

interface ApiConsoleState {
  /** Sends the request with the integration's token; main renews it once on a 401. */
  send: (integrationId: string, request: ApiRequest) => Promise<Result<ApiOutcome>>
  /** Stops the integration's call under way (its request is aborted in main). */
  cancel: (integrationId: string) => Promise<void>
}

/** Try the API's way to main. What the console shows stays in the console; the calls go through here. */
export const useApiConsole = create<ApiConsoleState>(() => ({
  send: (id, request) => tokendesk().api.call({ id, request }),
  cancel: async (id) => {
    await tokendesk().api.cancel({ id })
  },
}))
