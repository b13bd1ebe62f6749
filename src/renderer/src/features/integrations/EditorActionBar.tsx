import type { Ref } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Elapsed } from '../../ui/Elapsed'
import { useEditor } from './editorStore'

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
  if (!error) return null
  return (
    <div ref={ref} className="callout callout--error editor-result" role="alert" data-testid="editor-error">
      {error.message}
    </div>
  )
}
