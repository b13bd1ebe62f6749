import { create } from 'zustand'
import type { DecodedJwt } from '../../../../shared/jwt'
import type { ErrorData } from '../../../../shared/result'
import { tokendesk } from '../../api/client'

interface InspectorState {
  tokenText: string
  decoded: DecodedJwt | null
  error: ErrorData | null
  setTokenText: (text: string) => void
  decode: () => Promise<void>
  clear: () => void
}

/** Answers can arrive out of order while the user types; only the newest request's answer is kept. */
let latestRequest = 0

export const useInspectorStore = create<InspectorState>((set, get) => ({
  tokenText: '',
  decoded: null,
  error: null,
  setTokenText: (tokenText) => set({ tokenText }),
  decode: async () => {
    const request = ++latestRequest
    const text = get().tokenText
    if (text.trim() === '') {
      set({ decoded: null, error: null })
      return
    }
    const result = await tokendesk().jwt.decode({ token: text })
    if (request !== latestRequest) return
    set(result.ok ? { decoded: result.value, error: null } : { decoded: null, error: result.error })
  },
  clear: () => {
    latestRequest++
    set({ tokenText: '', decoded: null, error: null })
  },
}))
