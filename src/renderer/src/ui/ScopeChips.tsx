import { useId, useState, type KeyboardEvent } from 'react'

interface ScopeChipsProps {
  scopes: string[]
  separator: ' ' | ','
  onChange: (scopes: string[]) => void
  onSeparatorChange: (separator: ' ' | ',') => void
}

/** Scopes as removable chips; typing a space, comma or Enter adds one. The separator is the vendor's choice. */
export function ScopeChips({ scopes, separator, onChange, onSeparatorChange }: ScopeChipsProps) {
  const [draft, setDraft] = useState('')
  const id = useId()
  const add = (text: string) => {
    const fresh = text.split(/[\s,]+/).filter((scope) => scope && !scopes.includes(scope))
    if (fresh.length) onChange([...scopes, ...fresh])
    setDraft('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ' ') {
      event.preventDefault()
      add(draft)
    } else if (event.key === 'Backspace' && draft === '' && scopes.length) {
      onChange(scopes.slice(0, -1))
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>Scopes</label>
      <div className="chips">
        {scopes.map((scope) => (
          <span className="chip" key={scope}>
            {scope}
            <button
              type="button"
              className="chip__remove"
              aria-label={`Remove scope ${scope}`}
              onClick={() => onChange(scopes.filter((each) => each !== scope))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="chips__input"
          value={draft}
          placeholder={scopes.length ? '' : 'Type a scope, press Enter'}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => draft && add(draft)}
        />
      </div>
      <div className="row">
        <span className="help">Sent as</span>
        <code className="help" data-testid="scope-preview">
          {scopes.join(separator) || '(no scope)'}
        </code>
        <label className="inline">
          <input
            type="radio"
            name={`${id}-separator`}
            checked={separator === ' '}
            onChange={() => onSeparatorChange(' ')}
          />{' '}
          spaces
        </label>
        <label className="inline">
          <input
            type="radio"
            name={`${id}-separator`}
            checked={separator === ','}
            onChange={() => onSeparatorChange(',')}
          />{' '}
          commas
        </label>
      </div>
    </div>
  )
}
