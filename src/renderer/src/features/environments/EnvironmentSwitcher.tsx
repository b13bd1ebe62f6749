import { useEffect, useId, useState } from 'react'
import { EnvironmentEditor } from './EnvironmentEditor'
import { useEnvironments } from './environmentsStore'
import './environments.css'

/**
 * Always in view: which environment `{{variables}}` come from (dev / staging / prod), and the way to
 * edit them. `onSwitched` lets the app refresh what depends on it (the request preview).
 */
export function EnvironmentSwitcher({ onSwitched }: { onSwitched: () => void }) {
  const active = useEnvironments((state) => state.active)
  const environments = useEnvironments((state) => state.environments)
  const load = useEnvironments((state) => state.load)
  const select = useEnvironments((state) => state.select)
  const [editing, setEditing] = useState(false)
  const selectId = useId()
  useEffect(() => {
    void load()
  }, [load])

  return (
    <section className="environment-switcher" aria-label="Environments">
      <label htmlFor={selectId} className="muted">
        Environment
      </label>
      <select
        id={selectId}
        className="input"
        value={active ?? ''}
        data-testid="environment-switcher"
        onChange={(event) =>
          void select(event.target.value || null).then((switched) => switched && onSwitched())
        }
      >
        <option value="">No environment</option>
        {environments.map((environment) => (
          <option key={environment.name} value={environment.name}>
            {environment.name}
            {environment.variables.some((variable) => variable.secret && !variable.isSet)
              ? ' (needs your secrets)'
              : ''}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small" onClick={() => setEditing(true)}>
        Edit environments…
      </button>
      {editing && (
        <EnvironmentEditor
          onClose={() => {
            setEditing(false)
            onSwitched()
          }}
        />
      )}
    </section>
  )
}
