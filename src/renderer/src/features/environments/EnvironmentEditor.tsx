import { useId, useState } from 'react'
import { ERR_WORKSPACE_CONFLICT } from '../../../../shared/errorCodes'
import type { EnvironmentView } from '../../../../shared/workspace'
import { Dialog } from '../../ui/Dialog'
import { useEnvironments } from './environmentsStore'

interface Row {
  name: string
  /** Typed in this dialog; for a secret, empty keeps the saved value. */
  value: string
  secret: boolean
  isSet: boolean
}

const rowsOf = (environment: EnvironmentView | undefined): Row[] =>
  environment?.variables.map((variable) => ({
    name: variable.name,
    value: variable.value ?? '',
    secret: variable.secret,
    isSet: variable.isSet,
  })) ?? []

/**
 * The workspace's environments: their variables, some secret. A secret's value goes to your vault
 * only; the workspace file says the variable is secret and holds no value, so each teammate sets
 * their own. Use a variable anywhere in an integration as `{{name}}`.
 */
export function EnvironmentEditor({ onClose }: { onClose: () => void }) {
  const environments = useEnvironments((state) => state.environments)
  const error = useEnvironments((state) => state.error)
  const save = useEnvironments((state) => state.save)
  const keepMine = useEnvironments((state) => state.keepMine)
  const remove = useEnvironments((state) => state.remove)
  const load = useEnvironments((state) => state.load)
  const dismissError = useEnvironments((state) => state.dismissError)
  const [chosen, setChosen] = useState<string | null>(environments[0]?.name ?? null)
  const current = environments.find((each) => each.name === chosen)
  const [name, setName] = useState(current?.name ?? '')
  const [rows, setRows] = useState<Row[]>(rowsOf(current))
  const titleId = useId()

  const choose = (environment: EnvironmentView | undefined) => {
    dismissError()
    setChosen(environment?.name ?? null)
    setName(environment?.name ?? '')
    setRows(rowsOf(environment))
  }
  const draft = () => ({
    name: name.trim(),
    previousName: current && current.name !== name.trim() ? current.name : undefined,
    variables: rows
      .filter((row) => row.name.trim() !== '')
      .map((row) => ({
        name: row.name.trim(),
        secret: row.secret,
        ...(row.secret ? (row.value ? { value: row.value } : {}) : { value: row.value }),
      })),
    revision: current?.revision,
  })
  const afterSave = (saved: boolean) => {
    if (!saved) return
    const next = useEnvironments.getState().environments.find((each) => each.name === name.trim())
    choose(next)
  }
  const setRow = (index: number, patch: Partial<Row>) =>
    setRows((all) => all.map((row, at) => (at === index ? { ...row, ...patch } : row)))

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="environment-editor">
      <h2 id={titleId}>Environments</h2>
      <p className="help">
        Write <code>{'{{name}}'}</code> in any field of an integration; the active environment fills it in.
        Secret values stay in your vault, never in the workspace files.
      </p>
      <div className="row">
        <ul className="list environment-editor__list" aria-label="Environments">
          {environments.map((environment) => (
            <li key={environment.name}>
              <button
                type="button"
                className={`nav__item${environment.name === chosen ? ' nav__item--active' : ''}`}
                aria-current={environment.name === chosen ? 'true' : undefined}
                onClick={() => choose(environment)}
              >
                {environment.name}
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="button button--small" onClick={() => choose(undefined)}>
              New environment
            </button>
          </li>
        </ul>
        <form
          className="stack environment-editor__form"
          aria-label="Environment"
          onSubmit={(event) => {
            event.preventDefault()
            void save(draft()).then(afterSave)
          }}
        >
          <label className="field">
            <span>Name</span>
            <input
              className="input"
              value={name}
              placeholder="staging"
              onChange={(event) => setName(event.target.value)}
            />
          </label>
          <table className="environment-editor__variables">
            <thead>
              <tr>
                <th scope="col">Variable</th>
                <th scope="col">Value</th>
                <th scope="col">Secret</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  <td>
                    <input
                      className="input"
                      aria-label={`Variable ${index + 1} name`}
                      value={row.name}
                      onChange={(event) => setRow(index, { name: event.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="input"
                      type={row.secret ? 'password' : 'text'}
                      aria-label={`Value of ${row.name || `variable ${index + 1}`}`}
                      value={row.value}
                      placeholder={
                        row.secret ? (row.isSet ? 'saved — type to replace' : 'needs your value') : ''
                      }
                      onChange={(event) => setRow(index, { value: event.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${row.name || `Variable ${index + 1}`} is secret`}
                      checked={row.secret}
                      onChange={(event) => setRow(index, { secret: event.target.checked, value: '' })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Remove ${row.name || `variable ${index + 1}`}`}
                      onClick={() => setRows((all) => all.filter((_, at) => at !== index))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button
              type="button"
              className="button button--small"
              onClick={() => setRows((all) => [...all, { name: '', value: '', secret: false, isSet: false }])}
            >
              Add variable
            </button>
          </div>
          {error && (
            <div className="callout callout--error" role="alert">
              <p>{error.message}</p>
              {error.code === ERR_WORKSPACE_CONFLICT && (
                <div className="row">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() =>
                      void load().then(() =>
                        choose(useEnvironments.getState().environments.find((each) => each.name === chosen)),
                      )
                    }
                  >
                    Reload from disk
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void keepMine().then(afterSave)}
                  >
                    Keep mine
                  </button>
                </div>
              )}
            </div>
          )}
          <div className="row">
            <button type="submit" className="button button--primary">
              Save environment
            </button>
            {current && (
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  void remove(current.name, current.revision).then((done) => done && choose(undefined))
                }
              >
                Delete
              </button>
            )}
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </form>
      </div>
    </Dialog>
  )
}
