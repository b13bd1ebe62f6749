import { create } from 'zustand'
import type { DiscoveredProvider } from '@shared/discovery'
import type { TokenPreview } from '@shared/ipc/contract'
import type { Integration } from '@shared/integration'
import type { Preset } from '@shared/preset'
import type { ErrorData, Result } from '@shared/result'
import type { SignInOutcome } from '@shared/signIn'
import { summaryOf, type EditableIntegration } from '@shared/storedIntegration'
import type { DeviceAuthorization, RevokeOutcome, TokenOutcome } from '@shared/token'
import { tokendesk } from '../../api/client'
import {
  draftFromEditable,
  draftFromPreset,
  integrationFromDraft,
  keptSecrets,
  withDerivedApiBaseUrl,
  type Draft,
} from './draft'
import { useIntegrations } from './integrationsStore'

type Busy = 'idle' | 'loading' | 'saving' | 'fetching'
/** Where there is no room for both: the form, or the result (brought forward when one arrives). */
export type EditorView = 'settings' | 'result'
export type SignInIdToken = NonNullable<Extract<SignInOutcome, { kind: 'token' }>['idToken']>

interface EditorState {
  draft: Draft | null
  /** The id a new draft is saved under: chosen here, so Cancel can name it before main answers. */
  newId: string
  dirty: boolean
  busy: Busy
  /** A save or request the main process refused, with the field it names. */
  error: ErrorData | null
  outcome: TokenOutcome | null
  view: EditorView
  setView: (view: EditorView) => void
  preview: TokenPreview | null
  previewError: string | null
  /** What the issuer's discovery document names, for the issuer it was read for; or why it could not be read. */
  discovery: { issuer: string; found: DiscoveredProvider | null; problem: string | null } | null
  /** A pasted authorization code or PIN; never saved with the integration. */
  code: string
  /** Device sign-in under way: the code the user types on the other device. */
  devicePrompt: Omit<DeviceAuthorization, 'deviceCode'> | null
  /** The ID token of the last sign-in, decoded and validated in main. */
  idToken: SignInIdToken | null
  /** The embedded window advised the browser instead, and why. */
  signInAdvice: string | null
  /** The last revocation's answer, until a new token is requested or another integration opened. */
  revocation: RevokeOutcome | null
  /** RFC 7009: revokes the saved integration's kept tokens; the access token's result is cleared once revoked. */
  revoke: (which: 'access' | 'refresh' | 'both') => Promise<Result<RevokeOutcome> | null>
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
  /** Reads the draft's issuer's discovery document; a success clears the refusals discovery answers. */
  discover: () => Promise<void>
  revealSecret: (path: string) => Promise<string | null>
  /** Opens the provider's authorize page in the browser (a code or PIN to paste comes back). */
  openAuthorizePage: () => Promise<Result<{ authorizeUrl: string }> | null>
  /** Device sign-in: opens the verification page on this computer. */
  openDevicePage: () => Promise<void>
  signOut: () => Promise<Result<{ signOutPage: string }> | null>
  clearSignInSession: () => Promise<boolean>
  close: () => void
}

/** Requests are numbered so a late answer for an earlier draft never overwrites a newer one. */
let requestNumber = 0
let tokenRequest = 0
let discoveryNumber = 0

/** Fields an issuer's discovery fills in: once it succeeds, a refusal about them is out of date. */
const DISCOVERED_FIELDS = new Set(['issuer', 'tokenUrl', 'authorizeUrl', 'deviceAuthorizationUrl'])

/** The refusal without what discovery now answers; null when nothing else was wrong. */
function withoutDiscovered(error: ErrorData | null): ErrorData | null {
  if (!error) return null
  const missing = error.details?.['missing'] as Array<{ field: string; label: string }> | undefined
  if (!missing) return error.field && DISCOVERED_FIELDS.has(error.field) ? null : error
  const left = missing.filter(({ field }) => !DISCOVERED_FIELDS.has(field))
  if (left.length === missing.length) return error
  if (left.length === 0) return null
  const labels = left.map(({ label }) => label)
  const named = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
  return {
    ...error,
    field: left[0]!.field,
    message: `Still needed before a token can be requested: ${named}.`,
    details: { ...error.details, missing: left },
  }
}

export const useEditor = create<EditorState>((set, get) => ({
  draft: null,
  newId: crypto.randomUUID(),
  dirty: false,
  busy: 'idle',
  error: null,
  outcome: null,
  revocation: null,
  view: 'settings',
  setView: (view) => set({ view }),
  preview: null,
  previewError: null,
  discovery: null,
  code: '',
  devicePrompt: null,
  idToken: null,
  signInAdvice: null,
  revoke: async (which) => {
    const id = get().draft?.id
    if (!id) return null
    const result = await tokendesk().token.revoke({ id, which })
    if (get().draft?.id !== id) return result
    if (!result.ok) return result
    const accessGone = result.value.revoked.includes('access')
    set({ revocation: result.value, ...(accessGone ? { outcome: null } : {}) })
    return result
  },
  open: async (id) => {
    set({ busy: 'loading', error: null })
    const result = await tokendesk().integrations.get({ id })
    if (result.ok)
      set({
        draft: draftFromEditable(result.value),
        dirty: false,
        busy: 'idle',
        outcome: null,
        revocation: null,
        idToken: null,
        signInAdvice: null,
        code: '',
        view: 'settings',
      })
    else set({ busy: 'idle', error: result.error, view: 'settings' })
  },
  startFromPreset: (preset) =>
    set({
      draft: draftFromPreset(preset.integration),
      newId: crypto.randomUUID(),
      view: 'settings',
      dirty: true,
      error: null,
      outcome: null,
      revocation: null,
      preview: null,
      code: '',
    }),
  update: (change) => {
    const draft = get().draft
    if (draft) set({ draft: change(draft), dirty: true })
  },
  updateIntegration: (patch) =>
    get().update((draft) => {
      const changed = { ...draft, integration: { ...draft.integration, ...patch } }
      // A base URL the user typed is theirs: no longer derived, nor followed.
      if (patch.api && patch.api.baseUrl !== draft.integration.api?.baseUrl)
        return { ...changed, apiBaseUrlDerived: undefined }
      if (!('tokenUrl' in patch)) return changed
      const preset = useIntegrations.getState().presets.find((each) => each.id === changed.integration.preset)
      return withDerivedApiBaseUrl(changed, preset)
    }),
  setCode: (code) => set({ code }),
  save: async (options = {}) => {
    const draft = get().draft
    if (!draft) return null
    set({ busy: 'saving', error: null })
    const result = await tokendesk().integrations.save({
      id: draft.id ?? get().newId,
      ...saveRequest(draft),
      overwrite: options.overwrite,
    })
    if (!result.ok) {
      set({ busy: 'idle', error: result.error, view: 'settings' })
      return null
    }
    set({ busy: 'idle' })
    recordSaved(draft, result.value)
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
    const draft = get().draft
    if (!draft) return
    if (draft.integration.grant === 'device_code') return getDeviceToken()
    const mine = ++tokenRequest
    set({
      busy: 'fetching',
      error: null,
      outcome: null,
      revocation: null,
      devicePrompt: null,
      idToken: null,
      signInAdvice: null,
    })
    // One round trip: unsaved changes travel with the token request and main saves them first.
    const unsaved = get().dirty || !draft.id
    const result = await tokendesk().token.get({
      id: draft.id ?? get().newId,
      ...(unsaved ? { save: saveRequest(draft) } : {}),
      code: get().code.trim() || undefined,
      fresh: true,
    })
    const saved = result.ok ? result.value.saved : (result.error.details?.['saved'] as EditableIntegration)
    if (saved) recordSaved(draft, saved)
    if (mine !== tokenRequest) return // superseded by a newer request, or cancelled
    if (!result.ok) return set({ busy: 'idle', error: result.error, view: 'settings' })
    const { saved: _saved, ...outcome } = result.value
    set({ busy: 'idle', outcome, view: 'result' })
  },
  signIn: async (via) => {
    const id = await savedId()
    if (!id) return
    const mine = ++tokenRequest
    set({ busy: 'fetching', error: null, outcome: null, revocation: null, idToken: null, signInAdvice: null })
    const result = await tokendesk().signIn.start({ id, via })
    if (mine !== tokenRequest) return
    if (!result.ok) return set({ busy: 'idle', error: result.error, view: 'settings' })
    const signedIn = result.value
    if (signedIn.kind === 'use-browser') return set({ busy: 'idle', signInAdvice: signedIn.reason })
    set({
      busy: 'idle',
      outcome: signedIn.token,
      idToken: signedIn.idToken ?? null,
      code: '',
      view: 'result',
    })
  },
  cancel: () => {
    const id = get().draft?.id ?? get().newId
    tokenRequest++
    set({ busy: 'idle', devicePrompt: null })
    void tokendesk().token.cancel({ id })
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
  discover: async () => {
    const draft = get().draft
    const issuer = typeof draft?.integration.issuer === 'string' ? draft.integration.issuer.trim() : ''
    if (!draft || !issuer) return set({ discovery: null })
    const mine = ++discoveryNumber
    const result = await tokendesk().discovery.get({
      integration: integrationFromDraft(draft) as Record<string, unknown>,
    })
    if (mine !== discoveryNumber) return
    if (!result.ok) return set({ discovery: { issuer, found: null, problem: result.error.message } })
    set({ discovery: { issuer, found: result.value, problem: null }, error: withoutDiscovered(get().error) })
  },
  revealSecret: async (path) => {
    const id = get().draft?.id
    if (!id) return null
    const result = await tokendesk().integrations.revealSecret({ id, path })
    return result.ok ? result.value.value : null
  },
  openAuthorizePage: async () => {
    const id = await savedId()
    return id ? tokendesk().authorize.open({ id }) : null
  },
  openDevicePage: async () => {
    const id = get().draft?.id
    if (id) await tokendesk().device.openPage({ id })
  },
  signOut: async () => {
    const id = get().draft?.id
    if (!id) return null
    return tokendesk().signIn.signOut({ id })
  },
  clearSignInSession: async () => {
    const id = get().draft?.id
    if (!id) return false
    return (await tokendesk().signIn.clearSession({ id })).ok
  },
  close: () =>
    set({
      draft: null,
      dirty: false,
      outcome: null,
      revocation: null,
      idToken: null,
      preview: null,
      discovery: null,
      error: null,
      code: '',
    }),
}))

/** The draft as integrations.save and token.get's `save` take it. */
function saveRequest(draft: Draft) {
  return {
    integration: integrationFromDraft(draft) as Record<string, unknown>,
    keepSecrets: keptSecrets(draft),
    tokenStorage: draft.tokenStorage,
    revision: draft.revision,
  }
}

/**
 * Main saved `sent`: the form keeps what the user sees (rows, typed secrets) but records what is now
 * saved, and the list shows it without asking main again. Changes typed meanwhile stay unsaved.
 */
function recordSaved(sent: Draft, saved: EditableIntegration): void {
  const { draft } = useEditor.getState()
  if (!draft) return
  const unchanged = draft === sent
  useEditor.setState({
    draft: {
      ...draft,
      id: saved.id,
      secretsSet: saved.secretsSet,
      revision: saved.revision,
      needs: saved.needs,
    },
    ...(unchanged ? { dirty: false } : {}),
  })
  useIntegrations.getState().upsert(summaryOf(saved))
  useIntegrations.getState().select(saved.id)
}

/** The integration's id once its changes are saved (saving them first), or null when the save failed. */
async function savedId(): Promise<string | null> {
  const { dirty, draft, save } = useEditor.getState()
  return dirty || !draft?.id ? save() : draft.id
}

/** RFC 8628 from the user's side: save, show the code, then wait while main polls until they approve. */
async function getDeviceToken(): Promise<void> {
  const id = await savedId()
  if (!id) return
  const mine = ++tokenRequest
  const set = useEditor.setState
  set({
    busy: 'fetching',
    error: null,
    outcome: null,
    revocation: null,
    devicePrompt: null,
    idToken: null,
    signInAdvice: null,
  })
  const result = await deviceSignIn(id, (devicePrompt) => mine === tokenRequest && set({ devicePrompt }))
  if (mine !== tokenRequest) return // superseded by a newer request, or cancelled
  set(
    result.ok
      ? { busy: 'idle', outcome: result.value, devicePrompt: null, view: 'result' }
      : { busy: 'idle', error: result.error, devicePrompt: null, view: 'settings' },
  )
}

/** RFC 8628 from the user's side: show the code, then wait while main polls until they approve. */
async function deviceSignIn(id: string, show: (prompt: Omit<DeviceAuthorization, 'deviceCode'>) => void) {
  const started = await tokendesk().device.start({ id })
  if (!started.ok) return started
  show(started.value)
  return tokendesk().device.poll({ id })
}
