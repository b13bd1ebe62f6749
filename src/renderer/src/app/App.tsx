import { useEffect, useState } from 'react'
import { tokendesk } from '../api/client'
import { TokenInspector } from '../features/inspector/TokenInspector'

export function App() {
  const [version, setVersion] = useState('')
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
          <li>
            <a className="nav__item nav__item--active" aria-current="page" href="#inspector">
              Token inspector
            </a>
          </li>
        </ul>
      </nav>
      <main className="content" id="inspector">
        <TokenInspector />
      </main>
    </div>
  )
}
