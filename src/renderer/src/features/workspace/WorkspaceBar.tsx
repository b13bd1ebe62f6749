import { useEffect } from 'react'
import { useWorkspace, workspaceVersion, WORKSPACE_POLL_MS } from './workspaceStore'
import './workspace.css'

/**
 * Which workspace is open, with "Open folder…" (a git checkout, say) and the way back to the default
 * one. Files changed on disk (a `git pull`) are noticed here and told to `onChanged`, so the app
 * reloads what it shows; files that could not be read are listed by path.
 */
export function WorkspaceBar({ onChanged }: { onChanged: () => void }) {
  const info = useWorkspace((state) => state.info)
  const error = useWorkspace((state) => state.error)
  const load = useWorkspace((state) => state.load)
  const openFolder = useWorkspace((state) => state.openFolder)
  const openDefault = useWorkspace((state) => state.openDefault)
  const version = workspaceVersion(info)

  useEffect(() => {
    void load()
    const timer = window.setInterval(() => void load(), WORKSPACE_POLL_MS)
    return () => window.clearInterval(timer)
  }, [load])
  useEffect(() => {
    if (version) onChanged()
  }, [version, onChanged])

  return (
    <section className="workspace" aria-label="Workspace" data-testid="workspace-bar">
      <p className="workspace__name" title={info?.path}>
        <span className="muted">Workspace</span> <strong>{info?.name ?? '…'}</strong>
      </p>
      {info && !info.isDefault && (
        <p className="workspace__path muted" data-testid="workspace-path">
          {info.path}
        </p>
      )}
      <div className="workspace__actions">
        <button type="button" className="button button--small" onClick={() => void openFolder()}>
          Choose workspace folder…
        </button>
        {info && !info.isDefault && (
          <button type="button" className="button button--small" onClick={() => void openDefault()}>
            My default workspace
          </button>
        )}
      </div>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      {info && info.problems.length > 0 && (
        <details className="callout callout--warning workspace__problems">
          <summary>
            {info.problems.length} file{info.problems.length === 1 ? '' : 's'} could not be read
          </summary>
          <ul>
            {info.problems.map((problem) => (
              <li key={problem.path}>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
