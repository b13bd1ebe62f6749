import { create } from 'zustand'
import type { CallInput } from '@shared/ipc/contract'
import type { DecodedJwt, VerificationResult } from '@shared/jwt'
import type { ErrorData, Result } from '@shared/result'
import type { TokenInfoOutcome } from '@shared/token'
import { tokendesk } from '../../api/client'

interface InspectorState {
  tokenText: string
  decoded: DecodedJwt | null
  error: ErrorData | null
  setTokenText: (text: string) => void
  decode: () => Promise<void>
  clear: () => void
  /** Decodes any token (a result's access token), leaving the pasted one alone. */
  decodeToken: (token: string) => Promise<Result<DecodedJwt>>
  verifyToken: (request: CallInput<'jwt.verify'>) => Promise<Result<VerificationResult>>
  /** Asks the vendor about an integration's token: introspection (RFC 7662) or userinfo. */
  describeToken: (id: string, kind: 'introspection' | 'userinfo') => Promise<Result<TokenInfoOutcome>>
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
  decodeToken: (token) => tokendesk().jwt.decode({ token }),
  verifyToken: (request) => tokendesk().jwt.verify(request),
  describeToken: (id, kind) => tokendesk().token.describe({ id, kind }),
}))
