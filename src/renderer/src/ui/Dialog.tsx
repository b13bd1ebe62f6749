import { useEffect, useRef, useState, type ReactNode, type KeyboardEvent } from 'react'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

interface DialogProps {
  /** The id of the dialog's heading, which names it. */
  labelledBy: string
  onClose: () => void
  children: ReactNode
  className?: string
}

/**
 * A modal dialog as the WAI-ARIA dialog pattern describes it: Escape closes it, Tab stays inside,
 * and focus goes back to the control that opened it.
 */
export function Dialog({ labelledBy, onClose, children, className }: DialogProps) {
  const body = useRef<HTMLDivElement>(null)
  // Read while rendering, before a child's autoFocus moves focus into the dialog.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  )
  useEffect(() => {
    // A control with autoFocus has taken focus already; otherwise the first one gets it.
    if (!body.current?.contains(document.activeElement)) focusables(body.current)[0]?.focus()
    return () => {
      if (opener?.isConnected) opener.focus()
    }
  }, [opener])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose()
    } else if (event.key === 'Tab') {
      const all = focusables(body.current)
      const first = all[0]
      const last = all.at(-1)
      if (!first || !last) return event.preventDefault()
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first.focus()
      }
    }
  }

  return (
    <div className="modal" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={body}
        className={`modal__body panel${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  )
}

function focusables(container: HTMLElement | null): HTMLElement[] {
  return [...(container?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter(
    (element) => element.getClientRects().length > 0,
  )
}
