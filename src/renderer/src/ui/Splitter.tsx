import { useRef, type KeyboardEvent, type PointerEvent } from 'react'

interface SplitterProps {
  /** Width of the first pane, in pixels. */
  value: number
  min: number
  max: number
  onChange: (value: number) => void
  label: string
}

const STEP = 24

/**
 * A draggable divider between two panes; also moved with the arrow keys (WAI-ARIA window splitter
 * pattern), so resizing does not need a mouse.
 */
export function Splitter({ value, min, max, onChange, label }: SplitterProps) {
  const start = useRef<{ x: number; value: number } | null>(null)
  const clamp = (next: number) => Math.min(max, Math.max(min, Math.round(next)))
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    start.current = { x: event.clientX, value }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current) onChange(clamp(start.current.value + event.clientX - start.current.x))
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowLeft: value - STEP,
      ArrowRight: value + STEP,
      Home: min,
      End: max,
    }
    const next = moves[event.key]
    if (next === undefined) return
    event.preventDefault()
    onChange(clamp(next))
  }
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  )
}
