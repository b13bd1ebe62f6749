import type { Ref } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Elapsed } from '../../ui/Elapsed'
import { ERR_WORKSPACE_CONFLICT } from '@shared/errorCodes'
import { useEditor } from './editorStore'
import { useIntegrations } from './integrationsStore'

/** The sticky bar over the form: the integration's name, Save, Get token, and Cancel while waiting. */
export function EditorActionBar() {
  const { name, dirty, busy, save, getToken, cancel } = useEditor(
    useShallow(({ draft, dirty, busy, save, getToken, cancel }) => ({
      name: draft?.integration.name,
      dirty,
      busy,
      save,
      getToken,
      cancel,
    })),
  )
  return (
    <div className="action-bar">
      <h2 className="action-bar__title">{name || 'New integration'}</h2>
      {dirty && <span className="badge">Unsaved</span>}
      <button type="button" className="button" onClick={() => void save()} disabled={busy !== 'idle'}>
        Save
      </button>
      {busy === 'fetching' ? (
        <>
          <Elapsed doing="Getting token" />
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--primary"
          onClick={() => void getToken()}
          disabled={busy !== 'idle'}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          Get token
        </button>
      )}
    </div>
  )
}

/** What main refused (a save, a token request), in its words; the fields it names are marked in the form. */
export function EditorError({ ref }: { ref?: Ref<HTMLDivElement> }) {
  const error = useEditor((state) => state.error)
  const reloadFromDisk = useEditor((state) => state.reloadFromDisk)
  const save = useEditor((state) => state.save)
  const refresh = useIntegrations((state) => state.refresh)
  if (!error) return null
  return (
    <div ref={ref} className="callout callout--error editor-result" role="alert" data-testid="editor-error">
      {error.message}
      {error.code === ERR_WORKSPACE_CONFLICT && (
        <div className="row">
          <button type="button" className="button button--small" onClick={() => void reloadFromDisk()}>
            Reload from disk
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => void save({ overwrite: true }).then((id) => (id ? refresh() : undefined))}
          >
            Keep mine
          </button>
        </div>
      )}
    </div>
  )
}

/** A workspace shared without secrets: the ones this person still has to type. */
export function NeedsYourSecrets({ needs }: { needs: string[] | undefined }) {
  if (!needs?.length) return null
  return (
    <p className="callout callout--warning editor-result" data-testid="needs-your-secrets">
      Needs your {needs.join(', ')}: the workspace shares this integration without secrets. Type yours below
      and save; it stays in your vault.
    </p>
  )
}
