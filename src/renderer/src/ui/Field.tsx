import { useId, type ReactNode } from 'react'

interface FieldProps {
  label: string
  help?: ReactNode
  error?: string
  /** A check before sending found something to fix here (e.g. http:// for a remote URL). */
  warning?: string
  /** Renders the control with the ids that tie it to its label, help and error. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** A labelled control with plain-language help under it and, when wrong, a message naming the fix. */
export function Field({ label, help, error, warning, children }: FieldProps) {
  const id = useId()
  const helpId = `${id}-help`
  const errorId = `${id}-error`
  const warningId = `${id}-warning`
  const describedBy =
    [help ? helpId : '', error ? errorId : '', warning ? warningId : ''].filter(Boolean).join(' ') ||
    undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
      {warning && !error && (
        <p id={warningId} className="field__warning" data-testid="field-warning">
          {warning}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
