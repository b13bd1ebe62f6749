import { Field } from './Field'

interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  help?: string
  error?: string
  warning?: string
  placeholder?: string
  type?: 'text' | 'url' | 'number'
  multiline?: boolean
  monospace?: boolean
  /** Needed before anything is sent: announced as required (checked in main, every missing one listed). */
  required?: boolean
}

export function TextField({
  label,
  value,
  onChange,
  help,
  error,
  warning,
  placeholder,
  type = 'text',
  multiline,
  monospace,
  required,
}: TextFieldProps) {
  return (
    <Field label={label} help={help} error={error} warning={warning}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            className={`input${monospace ? ' input--mono' : ''}`}
            rows={4}
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={required || undefined}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            id={id}
            className={`input${monospace ? ' input--mono' : ''}`}
            type={type}
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={required || undefined}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  )
}
