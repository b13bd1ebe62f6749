import { useState } from 'react'
import { CopyButton } from '../lib/CopyButton'
import { Field } from './Field'

interface SecretFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  /** A value is saved in the vault (and not sent to this window) while the field is empty. */
  saved: boolean
  /** Fetches the saved value from main, only when the user asks to see it. */
  onReveal?: () => Promise<string | null>
  help?: string
  error?: string
  warning?: string
  multiline?: boolean
}

/**
 * A secret: masked while typing, "saved" when the vault holds it, revealed or copied only on request.
 * The saved value never reaches this window unless the user presses Reveal or Copy.
 */
export function SecretField({
  label,
  value,
  onChange,
  saved,
  onReveal,
  help,
  error,
  warning,
  multiline,
}: SecretFieldProps) {
  const [visible, setVisible] = useState(false)
  const showSaved = saved && value === ''
  const reveal = async () => {
    if (showSaved && onReveal) {
      const revealed = await onReveal()
      if (revealed !== null) onChange(revealed)
    }
    setVisible((current) => !current)
  }
  return (
    <Field label={label} help={help} error={error} warning={warning}>
      {({ id, describedBy, invalid }) => (
        <div className="secret">
          {multiline && visible ? (
            <textarea
              id={id}
              className="input input--mono"
              rows={4}
              value={value}
              spellCheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => onChange(event.target.value)}
            />
          ) : (
            <input
              id={id}
              className="input input--mono"
              type={visible ? 'text' : 'password'}
              value={value}
              placeholder={showSaved ? 'Saved — type to replace' : ''}
              autoComplete="new-password"
              spellCheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
          <button
            type="button"
            className="button button--small"
            onClick={reveal}
            aria-pressed={visible}
            aria-label={`${visible ? 'Hide' : 'Reveal'} ${label}`}
          >
            {visible ? 'Hide' : 'Reveal'}
          </button>
          {value !== '' && <CopyButton value={value} label={label} />}
        </div>
      )}
    </Field>
  )
}
