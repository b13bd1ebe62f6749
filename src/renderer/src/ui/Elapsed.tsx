import { useState } from 'react'
import { useNow } from '../lib/useNow'

/** "Getting token — waiting 3 s…" while a request is under way, so a slow vendor reads as slow, not frozen. */
export function Elapsed({ doing }: { doing: string }) {
  const [started] = useState(() => Date.now())
  const seconds = Math.max(0, Math.floor((useNow(1000) - started) / 1000))
  return (
    <span className="spinner" role="status" data-testid="elapsed">
      {doing} — waiting {seconds} s…
    </span>
  )
}
