import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Preset } from '@shared/preset'
import type { IntegrationSummary } from '@shared/storedIntegration'
import { confirmLeavingEditor } from './confirmLeavingEditor'
import { useEditor } from './editorStore'
import { ExportDialog, ImportButton } from './ImportExport'
import { useIntegrations, visibleSummaries } from './integrationsStore'
import { SandboxBadge } from '../../ui/SandboxBadge'

/** The sidebar: search, "New from preset", the saved integrations with duplicate and delete (undo). */
export function IntegrationList({
  onOpen,
  presetMenuWanted = false,
  onPresetMenuDone,
}: {
  onOpen: (id: string) => void
  /** The command palette asked for the preset menu: it stays open until closed, then says so. */
  presetMenuWanted?: boolean
  onPresetMenuDone?: () => void
}) {
  const { summaries, presets, search, selectedId, deleted } = useIntegrations(
    useShallow(({ summaries, presets, search, selectedId, deleted }) => ({
      summaries,
      presets,
      search,
      selectedId,
      deleted,
    })),
  )
  const { setSearch, load, remove, undoRemove, duplicate } = useIntegrations(
    useShallow(({ setSearch, load, remove, undoRemove, duplicate }) => ({
      setSearch,
      load,
      remove,
      undoRemove,
      duplicate,
    })),
  )
  const searchId = useId()
  const [exporting, setExporting] = useState<IntegrationSummary | null>(null)
  // Once per session: afterwards the store keeps the list up to date from what main answers.
  useEffect(() => {
    void load()
  }, [load])
  const shown = visibleSummaries(summaries, search)
  const renderItem = (summary: IntegrationSummary) => (
    <li key={summary.id} className={`list__item${summary.id === selectedId ? ' list__item--selected' : ''}`}>
      <button
        type="button"
        className="list__open"
        aria-current={summary.id === selectedId ? 'true' : undefined}
        onClick={() => onOpen(summary.id)}
      >
        <span className="list__name">
          {summary.name}
          {summary.sandbox && <SandboxBadge />}
        </span>
        <span className="list__meta">{summary.grant.replace(/_/g, ' ')}</span>
        {summary.needs && (
          <span className="list__needs" data-testid="needs-your">
            needs your {summary.needs.join(', ')}
          </span>
        )}
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
  )

  return (
    <aside className="list-pane" aria-label="Integrations">
      <div className="list-pane__header">
        <h1 className="list-pane__title">Integrations</h1>
        <NewFromPreset presets={presets} wanted={presetMenuWanted} onDone={onPresetMenuDone} />
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
          {byFolder(shown).map(({ folder, items }) =>
            folder === '' ? (
              items.map(renderItem)
            ) : (
              <li key={`folder:${folder}`} className="list__folder">
                <span className="list__folder-name" title={folder}>
                  {folder.replace(/\//g, ' / ')}
                </span>
                <ul className="list" aria-label={`Folder ${folder}`}>
                  {items.map(renderItem)}
                </ul>
              </li>
            ),
          )}
        </ul>
      )}
      {exporting && (
        <ExportDialog id={exporting.id} name={exporting.name} onClose={() => setExporting(null)} />
      )}
    </aside>
  )
}

/**
 * The preset menu, as the WAI-ARIA menu button pattern: Escape closes it and gives focus back to the
 * button, arrows move between presets, and a pick puts focus in the new form's first field.
 */
function NewFromPreset({
  presets,
  wanted,
  onDone,
}: {
  presets: Preset[]
  /** Asked open from elsewhere (the command palette) until it closes. */
  wanted: boolean
  onDone?: () => void
}) {
  const [openHere, setOpenHere] = useState(false)
  const open = openHere || wanted
  const startFromPreset = useEditor((state) => state.startFromPreset)
  const select = useIntegrations((state) => state.select)
  const menuId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLUListElement>(null)
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('.menu__item') ?? [])]
  useEffect(() => {
    if (open) items()[0]?.focus()
  }, [open])
  const setOpen = (next: boolean) => {
    setOpenHere(next)
    if (!next) onDone?.()
  }
  const close = () => {
    setOpen(false)
    button.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!open) return
    const all = items()
    const at = all.indexOf(document.activeElement as HTMLButtonElement)
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      close()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      all[(at + step + all.length) % all.length]?.focus()
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      ;(event.key === 'Home' ? all[0] : all.at(-1))?.focus()
    }
  }
  return (
    <div
      className="menu"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Focus leaving the menu (a click elsewhere, Tab past the end) closes it.
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false)
      }}
    >
      <button
        ref={button}
        type="button"
        className="button button--primary"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        New from preset
      </button>
      {open && (
        <ul ref={menu} id={menuId} className="menu__list" aria-label="Presets">
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
                  focusFirstField()
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

/** After the new form renders, its first field takes focus, so typing starts where the user expects. */
function focusFirstField(): void {
  window.requestAnimationFrame(() =>
    document
      .querySelector<HTMLElement>(
        'form[aria-label="Integration settings"] :is(input, select, textarea):not([type="hidden"])',
      )
      ?.focus(),
  )
}

/** Integrations grouped by workspace folder ("" first: those at the top), folders in name order. */
function byFolder(summaries: IntegrationSummary[]): Array<{ folder: string; items: IntegrationSummary[] }> {
  const groups = new Map<string, IntegrationSummary[]>()
  for (const summary of summaries) {
    const folder = (summary.folder ?? []).join('/')
    groups.set(folder, [...(groups.get(folder) ?? []), summary])
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([folder, items]) => ({ folder, items }))
}
