import { useId } from 'react'
import { isSecretName } from '@shared/secretNames'

export type Pair = [string, string]

interface KeyValueEditorProps {
  legend: string
  help?: string
  pairs: Pair[]
  onChange: (pairs: Pair[]) => void
  namePlaceholder?: string
  /** Names whose value is kept in the vault: shown as saved until replaced. */
  savedNames?: string[]
}

/** Rows of name → value (extra headers, extra form fields). Values of secret-looking names are masked. */
export function KeyValueEditor({
  legend,
  help,
  pairs,
  onChange,
  namePlaceholder = 'Name',
  savedNames = [],
}: KeyValueEditorProps) {
  const helpId = useId()
  const update = (index: number, next: Pair) =>
    onChange(pairs.map((pair, each) => (each === index ? next : pair)))
  return (
    <fieldset className="kv" aria-describedby={help ? helpId : undefined}>
      <legend>{legend}</legend>
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
      {pairs.map(([name, value], index) => {
        const secret = isSecretName(name)
        return (
          <div className="kv__row" key={index}>
            <input
              className="input input--mono"
              aria-label={`${legend} ${index + 1} name`}
              placeholder={namePlaceholder}
              value={name}
              onChange={(event) => update(index, [event.target.value, value])}
            />
            <input
              className="input input--mono"
              aria-label={`${legend} ${index + 1} value${secret ? ' (secret)' : ''}`}
              type={secret ? 'password' : 'text'}
              autoComplete="off"
              placeholder={savedNames.includes(name) && value === '' ? 'Saved — type to replace' : 'Value'}
              value={value}
              onChange={(event) => update(index, [name, event.target.value])}
            />
            <button
              type="button"
              className="button button--small"
              aria-label={`Remove ${name || `row ${index + 1}`}`}
              onClick={() => onChange(pairs.filter((_, each) => each !== index))}
            >
              Remove
            </button>
          </div>
        )
      })}
      <button type="button" className="button button--small" onClick={() => onChange([...pairs, ['', '']])}>
        Add {legend.toLowerCase().replace(/s$/, '')}
      </button>
    </fieldset>
  )
}
