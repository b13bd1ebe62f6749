import { describe, expect, it } from 'vitest'
import { createWindowKeeper, type KeepableWindow } from './windowKeeper'

/** A window's observable life, as Electron's BrowserWindow behaves: methods throw once destroyed. */
class TestWindow implements KeepableWindow {
  destroyed = false
  minimized = false
  shown = 0
  focused = 0
  private alive() {
    if (this.destroyed) throw new TypeError('Object has been destroyed')
  }
  isDestroyed = () => this.destroyed
  isMinimized = () => (this.alive(), this.minimized)
  restore = () => (this.alive(), (this.minimized = false))
  show = () => (this.alive(), this.shown++)
  focus = () => (this.alive(), this.focused++)
}

describe('the app window keeper', () => {
  it('opens the window once and brings it forward (restored) on a second launch', () => {
    const opened: TestWindow[] = []
    const keeper = createWindowKeeper(() => opened[opened.push(new TestWindow()) - 1]!)
    const first = keeper.showOrOpen()
    first.minimized = true
    expect(keeper.showOrOpen()).toBe(first)
    expect(first.minimized).toBe(false)
    expect(first.focused).toBe(1)
    expect(opened).toHaveLength(1)
  })

  it('macOS: after the last window was closed, a second launch or Dock click opens a new one', () => {
    const keeper = createWindowKeeper(() => new TestWindow())
    const first = keeper.showOrOpen()
    first.destroyed = true
    expect(keeper.current()).toBeUndefined()
    const second = keeper.showOrOpen()
    expect(second).not.toBe(first)
    expect(keeper.current()).toBe(second)
  })
})
