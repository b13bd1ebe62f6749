import { create } from 'zustand'
import type { TokenPreview } from '../../../../shared/ipc/contract'
import type { Integration } from '../../../../shared/integration'
import type { Preset } from '../../../../shared/preset'
import type { ErrorData } from '../../../../shared/result'
import type { SignInOutcome } from '../../../../shared/signIn'
import type { DeviceAuthorization, TokenOutcome } from '../../../../shared/token'
import { tokendesk } from '../../api/client'
import { draftFromEditable, draftFromPreset, integrationFromDraft, keptSecrets, type Draft } from './draft'

type Busy = 'idle' | 'loading' | 'saving' | 'fetching'
export type SignInIdToken = NonNullable<Extract<SignInOutcome, { kind: 'token' }>['idToken']>

interface EditorState {
  draft: Draft | null
  dirty: boolean
  busy: Busy
  /** A save or request the main process refused, with the field it names. */
  error: ErrorData | null
  outcome: TokenOutcome | null
  preview: TokenPreview | null
  previewError: string | null
  /** A pasted authorization code or PIN; never saved with the integration. */
  code: string
  /** Device sign-in under way: the code the user types on the other device. */
  devicePrompt: Omit<DeviceAuthorization, 'deviceCode'> | null
  /** The ID token of the last sign-in, decoded and validated in main. */
  idToken: SignInIdToken | null
  /** The embedded window advised the browser instead, and why. */
  signInAdvice: string | null
  signIn: (via: 'embedded' | 'browser') => Promise<void>
  open: (id: string) => Promise<void>
  startFromPreset: (preset: Preset) => void
  update: (change: (draft: Draft) => Draft) => void
  updateIntegration: (patch: Partial<Integration>) => void
  setCode: (code: string) => void
  save: (options?: { overwrite?: boolean }) => Promise<string | null>
  /** A conflict's "Reload from disk": the form shows the file as it now is (unsaved edits dropped). */
  reloadFromDisk: () => Promise<void>
  /** Files changed on disk: an open form without unsaved edits shows the new version. */
  reloadIfUnchanged: () => Promise<void>
  getToken: () => Promise<void>
  cancel: () => void
  refreshPreview: (reveal?: boolean) => Promise<void>
  revealSecret: (path: string) => Promise<string | null>
  close: () => void
}

/** Requests are numbered so a late answer for an earlier draft never overwrites a newer one. */
let requestNumber = 0
let tokenRequest = 0

export const useEditor = create<EditorState>((set, get) => ({
  draft: null,
  dirty: false,
  busy: 'idle',
  error: null,
  outcome: null,
  preview: null,
  previewError: null,
  code: '',
  devicePrompt: null,
  idToken: null,
  signInAdvice: null,
  open: async (id) => {
    set({ busy: 'loading', error: null })
    const result = await tokendesk().integrations.get({ id })
    if (result.ok)
      set({
        draft: draftFromEditable(result.value),
        dirty: false,
        busy: 'idle',
        outcome: null,
        idToken: null,
        signInAdvice: null,
        code: '',
      })
    else set({ busy: 'idle', error: result.error })
  },
  startFromPreset: (preset) =>
    set({
      draft: draftFromPreset(preset.integration),
      dirty: true,
      error: null,
      outcome: null,
      preview: null,
      code: '',
    }),
  update: (change) => {
    const draft = get().draft
    if (draft) set({ draft: change(draft), dirty: true })
  },
  updateIntegration: (patch) =>
    get().update((draft) => ({ ...draft, integration: { ...draft.integration, ...patch } })),
  setCode: (code) => set({ code }),
  save: async (options = {}) => {
    const draft = get().draft
    if (!draft) return null
    set({ busy: 'saving', error: null })
    const result = await tokendesk().integrations.save({
      id: draft.id,
      integration: integrationFromDraft(draft) as Record<string, unknown>,
      keepSecrets: keptSecrets(draft),
      tokenStorage: draft.tokenStorage,
      revision: draft.revision,
      overwrite: options.overwrite,
    })
    if (!result.ok) {
      set({ busy: 'idle', error: result.error })
      return null
    }
    // Keep what the user sees (rows, typed secrets) but record what is now saved.
    set({
      busy: 'idle',
      dirty: false,
      draft: {
        ...draft,
        id: result.value.id,
        secretsSet: result.value.secretsSet,
        revision: result.value.revision,
        needs: result.value.needs,
      },
    })
    return result.value.id
  },
  reloadFromDisk: async () => {
    const id = get().draft?.id
    if (id) await get().open(id)
  },
  reloadIfUnchanged: async () => {
    const { draft, dirty, busy } = get()
    if (!draft?.id || dirty || busy !== 'idle') return
    const result = await tokendesk().integrations.get({ id: draft.id })
    // Only a file that changed: reopening an unchanged one would drop the result shown.
    if (result.ok && result.value.revision !== draft.revision && get().draft?.id === draft.id && !get().dirty)
      set({ draft: draftFromEditable(result.value) })
  },
  getToken: async () => {
    const id = get().dirty || !get().draft?.id ? await get().save() : get().draft!.id!
    if (!id) return
    const mine = ++tokenRequest
    set({
      busy: 'fetching',
      error: null,
      outcome: null,
      devicePrompt: null,
      idToken: null,
      signInAdvice: null,
    })
    const result =
      get().draft?.integration.grant === 'device_code'
        ? await deviceSignIn(id, (devicePrompt) => mine === tokenRequest && set({ devicePrompt }))
        : await tokendesk().token.get({ id, code: get().code.trim() || undefined, fresh: true })
    if (mine !== tokenRequest) return // superseded by a newer request
    set(
      result.ok
        ? { busy: 'idle', outcome: result.value, devicePrompt: null }
        : { busy: 'idle', error: result.error, devicePrompt: null },
    )
  },
  signIn: async (via) => {
    const id = get().dirty || !get().draft?.id ? await get().save() : get().draft!.id!
    if (!id) return
    const mine = ++tokenRequest
    set({ busy: 'fetching', error: null, outcome: null, idToken: null, signInAdvice: null })
    const result = await tokendesk().signIn.start({ id, via })
    if (mine !== tokenRequest) return
    if (!result.ok) return set({ busy: 'idle', error: result.error })
    const signedIn = result.value
    if (signedIn.kind === 'use-browser') return set({ busy: 'idle', signInAdvice: signedIn.reason })
    set({ busy: 'idle', outcome: signedIn.token, idToken: signedIn.idToken ?? null, code: '' })
  },
  cancel: () => {
    const id = get().draft?.id
    tokenRequest++
    set({ busy: 'idle', devicePrompt: null })
    if (id) void tokendesk().token.cancel({ id })
  },
  refreshPreview: async (reveal = false) => {
    const draft = get().draft
    if (!draft) return
    const mine = ++requestNumber
    const result = await tokendesk().token.preview({
      id: draft.id,
      integration: integrationFromDraft(draft) as Record<string, unknown>,
      keepSecrets: keptSecrets(draft),
      reveal,
    })
    if (mine !== requestNumber) return
    set(
      result.ok
        ? { preview: result.value, previewError: null }
        : { preview: null, previewError: result.error.message },
    )
  },
  revealSecret: async (path) => {
    const id = get().draft?.id
    if (!id) return null
    const result = await tokendesk().integrations.revealSecret({ id, path })
    return result.ok ? result.value.value : null
  },
  close: () =>
    set({ draft: null, dirty: false, outcome: null, idToken: null, preview: null, error: null, code: '' }),
}))

/** RFC 8628 from the user's side: show the code, then wait while main polls until they approve. */
async function deviceSignIn(id: string, show: (prompt: Omit<DeviceAuthorization, 'deviceCode'>) => void) {
  const started = await tokendesk().device.start({ id })
  if (!started.ok) return started
  show(started.value)
  return tokendesk().device.poll({ id })
}
