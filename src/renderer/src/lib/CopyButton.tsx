import { useState } from 'react'

/** Copies a value and says so for two seconds; the label names what is copied for screen readers. */
export function CopyButton({ value, label, text = 'Copy' }: { value: string; label: string; text?: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard.writeText(value)
    setCopied(true)
    window.setTimeout(() => setCopied(false), 2000)
  }
  return (
    <button
      type="button"
      className="button button--small"
      onClick={copy}
      aria-label={text === 'Copy' ? `Copy ${label}` : undefined}
    >
      {copied ? 'Copied' : text}
    </button>
  )
}
