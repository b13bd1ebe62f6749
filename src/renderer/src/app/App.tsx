import { useCallback, useEffect, useMemo, useState } from 'react'
import { HistoryScreen } from '../features/history/HistoryScreen'
import { TokenInspector } from '../features/inspector/TokenInspector'
import { useEditor } from '../features/integrations/editorStore'
import { useIntegrations } from '../features/integrations/integrationsStore'
import { EnvironmentSwitcher } from '../features/environments/EnvironmentSwitcher'
import { useEnvironments } from '../features/environments/environmentsStore'
import { WorkspaceBar } from '../features/workspace/WorkspaceBar'
import { SandboxPanel } from '../features/sandbox/SandboxPanel'
import { TryTheSandbox } from '../features/sandbox/TryTheSandbox'
import { useApp } from './appStore'
import { CommandPalette, type Command } from './CommandPalette'
import { IntegrationsScreen } from './IntegrationsScreen'
import { openIntegration } from './openIntegration'
import { StorageNotices } from './StorageNotices'
import { useKeyboardShortcuts } from './useKeyboardShortcuts'
import { useNavigation, type Screen } from './navigationStore'

const SCREENS: Array<{ id: Screen; label: string }> = [
  { id: 'integrations', label: 'Integrations' },
  { id: 'inspector', label: 'Token inspector' },
  { id: 'history', label: 'History' },
]

/** Files changed on disk (a `git pull`) or another workspace opened: what is shown is read again. */
function reloadFromWorkspace(): void {
  void useIntegrations.getState().refresh()
  void useEnvironments.getState().load()
  void useEditor.getState().reloadIfUnchanged()
}

/** Another environment: the request preview shows its URLs and credentials. */
function environmentSwitched(): void {
  void useEditor.getState().refreshPreview()
}

/** After "Try it with the sandbox": the list shows the twins, and the first one opens. */
function openSandboxTwins(firstId: string | undefined): void {
  void useIntegrations
    .getState()
    .refresh()
    .then(() => firstId && openIntegration(firstId))
}

export function App() {
  const version = useApp((state) => state.version)
  const loadApp = useApp((state) => state.load)
  const screen = useNavigation((state) => state.screen)
  const go = useNavigation((state) => state.go)
  const summaries = useIntegrations((state) => state.summaries)
  const [paletteOpen, setPaletteOpen] = useState(false)
  const [presetMenuWanted, setPresetMenuWanted] = useState(false)
  const openPalette = useCallback(() => setPaletteOpen(true), [])
  const presetMenuDone = useCallback(() => setPresetMenuWanted(false), [])
  useKeyboardShortcuts(openPalette)
  useEffect(() => {
    void loadApp()
  }, [loadApp])
  const commands = useMemo(
    (): Command[] => [
      ...summaries.map((summary) => ({
        id: `integration:${summary.id}`,
        label: summary.name,
        detail: summary.grant.replace(/_/g, ' '),
        run: () => openIntegration(summary.id),
      })),
      {
        id: 'action:new',
        label: 'New from preset…',
        detail: 'choose a vendor',
        run: () => {
          go('integrations')
          setPresetMenuWanted(true)
        },
      },
      ...SCREENS.map(({ id, label }) => ({ id: `screen:${id}`, label, detail: 'screen', run: () => go(id) })),
    ],
    [summaries, go],
  )

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          TokenDesk <span className="muted">{version && `v${version}`}</span>
        </div>
        <WorkspaceBar onChanged={reloadFromWorkspace} />
        <EnvironmentSwitcher onSwitched={environmentSwitched} />
        <ul className="nav">
          {SCREENS.map(({ id, label }) => (
            <li key={id}>
              <button
                type="button"
                className={`nav__item${screen === id ? ' nav__item--active' : ''}`}
                aria-current={screen === id ? 'page' : undefined}
                onClick={() => go(id)}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
        <p className="sidebar__keys muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> get token · <kbd>Ctrl</kbd>+<kbd>K</kbd> go to…
        </p>
      </nav>
      <main className="content">
        <StorageNotices />
        {screen === 'integrations' && (
          <IntegrationsScreen
            presetMenuWanted={presetMenuWanted}
            onPresetMenuDone={presetMenuDone}
            emptyProfileOffer={<TryTheSandbox onCreated={openSandboxTwins} />}
            sandboxPanel={(id) => <SandboxPanel integrationId={id} />}
          />
        )}
        {screen === 'inspector' && <TokenInspector />}
        {screen === 'history' && (
          <HistoryScreen integrations={summaries} onOpenIntegration={openIntegration} />
        )}
      </main>
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
    </div>
  )
}
