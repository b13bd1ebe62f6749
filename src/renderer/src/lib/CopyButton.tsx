import { useState } from 'react'

type CopyState = 'idle' | 'copied' | 'failed'

/**
 * Copies a value and says so for two seconds; the label names what is copied for screen readers.
 * A refused clipboard write (a permission policy, a window without focus) says "Copy failed" rather
 * than failing silently.
 */
export function CopyButton({ value, label, text = 'Copy' }: { value: string; label: string; text?: string }) {
  const [state, setState] = useState<CopyState>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setState('copied')
    } catch {
      setState('failed')
    }
    window.setTimeout(() => setState('idle'), 2000)
  }
  return (
    <button
      type="button"
      className="button button--small"
      onClick={copy}
      aria-label={text === 'Copy' ? `Copy ${label}` : undefined}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : text}
      </span>
    </button>
  )
}
