import { useMemo, useRef, useState, type UIEvent } from 'react'

const LINE_HEIGHT = 18
const VIEW_LINES = 30
const OVERSCAN = 20

/**
 * Shows a body of any size: small ones in full, large ones virtualized so only the visible lines are
 * in the page (a 10 MB JSON answer stays responsive).
 */
export function LargeText({ text, label }: { text: string; label: string }) {
  const lines = useMemo(() => text.split('\n'), [text])
  const [first, setFirst] = useState(0)
  const frame = useRef<number | null>(null)
  if (lines.length <= VIEW_LINES * 3) {
    return (
      <pre className="code" tabIndex={0} aria-label={label} data-testid="api-body">
        {text}
      </pre>
    )
  }
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop
    if (frame.current !== null) cancelAnimationFrame(frame.current)
    frame.current = requestAnimationFrame(() =>
      setFirst(Math.max(0, Math.floor(top / LINE_HEIGHT) - OVERSCAN)),
    )
  }
  const visible = lines.slice(first, first + VIEW_LINES + OVERSCAN * 2)
  return (
    <div
      className="code virtual"
      role="region"
      aria-label={`${label}, ${lines.length} lines`}
      tabIndex={0}
      onScroll={onScroll}
      data-testid="api-body"
    >
      <div className="virtual__spacer" style={{ height: lines.length * LINE_HEIGHT }}>
        <pre className="virtual__window" style={{ transform: `translateY(${first * LINE_HEIGHT}px)` }}>
          {visible.join('\n')}
        </pre>
      </div>
    </div>
  )
}
