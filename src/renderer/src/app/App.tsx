import { useEffect, useState } from 'react'
import { tokendesk } from '../api/client'
import { HistoryScreen } from '../features/history/HistoryScreen'
import { TokenInspector } from '../features/inspector/TokenInspector'
import { IntegrationsScreen } from '../features/integrations/IntegrationsScreen'
import { StorageNotices } from './StorageNotices'
import { useKeyboardShortcuts } from './useKeyboardShortcuts'
import { useNavigation, type Screen } from './navigationStore'

const SCREENS: Array<{ id: Screen; label: string }> = [
  { id: 'integrations', label: 'Integrations' },
  { id: 'inspector', label: 'Token inspector' },
  { id: 'history', label: 'History' },
]

export function App() {
  const [version, setVersion] = useState('')
  const { screen, go } = useNavigation()
  useKeyboardShortcuts()
  useEffect(() => {
    void tokendesk()
      .app.info({})
      .then((result) => result.ok && setVersion(result.value.version))
  }, [])

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          TokenDesk <span className="muted">{version && `v${version}`}</span>
        </div>
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
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> get token · <kbd>Ctrl</kbd>+<kbd>K</kbd> switch integration
        </p>
      </nav>
      <main className="content">
        <StorageNotices />
        {screen === 'integrations' && <IntegrationsScreen />}
        {screen === 'inspector' && <TokenInspector />}
        {screen === 'history' && <HistoryScreen />}
      </main>
    </div>
  )
}
