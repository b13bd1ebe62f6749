import { z } from 'zod'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowPlacement {
  /** Absent: let the system place a default-sized window. */
  bounds?: Rectangle
  width: number
  height: number
  maximized: boolean
}

export const DEFAULT_SIZE = { width: 1280, height: 800 }
export const MINIMUM_SIZE = { width: 900, height: 600 }
/** At least this much of the title bar must be on a display for the window to count as visible. */
const VISIBLE_STRIP = { width: 120, height: 40 }

const savedPlacement = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
})
export type SavedPlacement = z.infer<typeof savedPlacement>

/**
 * Where to open the window: where it was last time, if that is still on a display (a monitor may
 * have been unplugged), no larger than that display; else the default size, placed by the system.
 * `saved` comes from disk, so anything of the wrong shape counts as nothing saved.
 */
export function restorePlacement(saved: unknown, workAreas: Rectangle[]): WindowPlacement {
  const parsed = savedPlacement.safeParse(saved)
  const fallback = { ...DEFAULT_SIZE, maximized: false }
  if (!parsed.success) return fallback
  const { maximized, ...bounds } = parsed.data
  const area = workAreas.find((candidate) => titleBarVisibleOn(bounds, candidate))
  if (!area) return { ...fallback, maximized }
  const width = clamp(bounds.width, MINIMUM_SIZE.width, Math.max(area.width, MINIMUM_SIZE.width))
  const height = clamp(bounds.height, MINIMUM_SIZE.height, Math.max(area.height, MINIMUM_SIZE.height))
  return { bounds: { x: bounds.x, y: bounds.y, width, height }, width, height, maximized }
}

function titleBarVisibleOn(window: Rectangle, area: Rectangle): boolean {
  const left = Math.max(window.x, area.x)
  const right = Math.min(window.x + window.width, area.x + area.width)
  const top = Math.max(window.y, area.y)
  const bottom = Math.min(window.y + VISIBLE_STRIP.height, area.y + area.height)
  return right - left >= VISIBLE_STRIP.width && bottom - top >= VISIBLE_STRIP.height
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}
