import { useEffect, useId, useState } from 'react'
import type { Preset } from '../../../../shared/preset'
import type { IntegrationSummary } from '../../../../shared/storedIntegration'
import { useEditor } from './editorStore'
import { ExportDialog, ImportButton } from './ImportExport'
import { useIntegrations, visibleSummaries } from './integrationsStore'

/** The sidebar: search, "New from preset", the saved integrations with duplicate and delete (undo). */
export function IntegrationList({ onOpen }: { onOpen: (id: string) => void }) {
  const {
    summaries,
    presets,
    search,
    selectedId,
    deleted,
    setSearch,
    refresh,
    loadPresets,
    remove,
    undoRemove,
    duplicate,
  } = useIntegrations()
  const searchId = useId()
  const [exporting, setExporting] = useState<IntegrationSummary | null>(null)
  useEffect(() => {
    void refresh()
    void loadPresets()
  }, [refresh, loadPresets])
  const shown = visibleSummaries(summaries, search)

  return (
    <aside className="list-pane" aria-label="Integrations">
      <div className="list-pane__header">
        <h1 className="list-pane__title">Integrations</h1>
        <NewFromPreset presets={presets} />
      </div>
      <ImportButton />
      <label htmlFor={searchId} className="visually-hidden">
        Search integrations
      </label>
      <input
        id={searchId}
        className="input"
        type="search"
        placeholder="Search…"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {deleted && (
        <div className="toast" role="status">
          Deleted “{deleted.name}”.{' '}
          <button type="button" className="link-button" onClick={() => void undoRemove()}>
            Undo
          </button>
        </div>
      )}
      {summaries.length === 0 ? (
        <p className="empty">
          No integrations yet. Choose “New from preset” to set one up — pick your vendor, or Generic OAuth
          2.0.
        </p>
      ) : shown.length === 0 ? (
        <p className="empty">No integration matches “{search}”.</p>
      ) : (
        <ul className="list" aria-label="Saved integrations">
          {shown.map((summary) => (
            <li
              key={summary.id}
              className={`list__item${summary.id === selectedId ? ' list__item--selected' : ''}`}
            >
              <button
                type="button"
                className="list__open"
                aria-current={summary.id === selectedId ? 'true' : undefined}
                onClick={() => onOpen(summary.id)}
              >
                <span className="list__name">{summary.name}</span>
                <span className="list__meta">{summary.grant.replace(/_/g, ' ')}</span>
              </button>
              <div className="list__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Duplicate ${summary.name}`}
                  onClick={() => void duplicate(summary.id).then((id) => id && onOpen(id))}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Export ${summary.name}`}
                  onClick={() => setExporting(summary)}
                >
                  Export
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  aria-label={`Delete ${summary.name}`}
                  onClick={() => void remove(summary.id)}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {exporting && (
        <ExportDialog id={exporting.id} name={exporting.name} onClose={() => setExporting(null)} />
      )}
    </aside>
  )
}

function NewFromPreset({ presets }: { presets: Preset[] }) {
  const [open, setOpen] = useState(false)
  const startFromPreset = useEditor((state) => state.startFromPreset)
  const select = useIntegrations((state) => state.select)
  const menuId = useId()
  return (
    <div className="menu">
      <button
        type="button"
        className="button button--primary"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        New from preset
      </button>
      {open && (
        <ul id={menuId} className="menu__list" aria-label="Presets">
          {presets.map((preset) => (
            <li key={preset.id}>
              <button
                type="button"
                className="menu__item"
                onClick={() => {
                  if (!confirmLeavingEditor()) return
                  select(null)
                  startFromPreset(preset)
                  setOpen(false)
                }}
              >
                <strong>{preset.name}</strong>
                <span className="muted">{preset.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Unsaved changes are never dropped silently: switching asks first. */
export function confirmLeavingEditor(): boolean {
  return !useEditor.getState().dirty || window.confirm('You have unsaved changes. Discard them?')
}
