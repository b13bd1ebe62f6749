/** The parts of a BrowserWindow the keeper uses (plain, so the decision runs in Node tests). */
export interface KeepableWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
}

/**
 * Holds the one app window. On macOS the app outlives its last window, so a second launch or a
 * Dock click must open a new window rather than touch the destroyed one ("Object has been destroyed").
 */
export function createWindowKeeper<W extends KeepableWindow>(open: () => W) {
  let current: W | undefined
  const alive = (): W | undefined => (current && !current.isDestroyed() ? current : undefined)
  return {
    /** The window if it is still open. */
    current: alive,
    /** Brings the window forward, or opens a new one (which shows itself once ready). */
    showOrOpen(): W {
      const window = alive()
      if (!window) return (current = open())
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
      return window
    },
  }
}
