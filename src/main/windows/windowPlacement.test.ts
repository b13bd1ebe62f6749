import { describe, expect, it } from 'vitest'
import { DEFAULT_SIZE, restorePlacement } from './windowPlacement'

const laptop = { x: 0, y: 0, width: 1440, height: 875 }
const external = { x: 1440, y: 0, width: 2560, height: 1415 }

describe('restorePlacement: the window reopens where it was, if that is on a display', () => {
  it('puts it back where it was, maximized or not', () => {
    expect(restorePlacement({ x: 100, y: 80, width: 1200, height: 760, maximized: true }, [laptop])).toEqual({
      bounds: { x: 100, y: 80, width: 1200, height: 760 },
      width: 1200,
      height: 760,
      maximized: true,
    })
  })

  it('ignores a position on a monitor that is gone, keeping the default size', () => {
    const placement = restorePlacement({ x: 2000, y: 100, width: 1800, height: 1000, maximized: false }, [
      laptop,
    ])
    expect(placement).toEqual({ ...DEFAULT_SIZE, maximized: false })
    expect(
      restorePlacement({ x: 2000, y: 100, width: 1800, height: 1000, maximized: false }, [laptop, external])
        .bounds,
    ).toEqual({
      x: 2000,
      y: 100,
      width: 1800,
      height: 1000,
    })
  })

  it('does not count a window whose title bar is off the top of the screen as visible', () => {
    expect(
      restorePlacement({ x: 100, y: -500, width: 1200, height: 800, maximized: false }, [laptop]).bounds,
    ).toBeUndefined()
  })

  it('shrinks a window larger than its display and grows one below the minimum', () => {
    expect(
      restorePlacement({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [laptop]).bounds,
    ).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
    })
    expect(
      restorePlacement({ x: 0, y: 0, width: 200, height: 100, maximized: false }, [laptop]).bounds,
    ).toMatchObject({
      width: 900,
      height: 600,
    })
  })

  it('treats a saved state of the wrong shape as nothing saved', () => {
    for (const saved of [
      undefined,
      null,
      'big',
      { x: '1', y: 0 },
      { x: 0, y: 0, width: -5, height: 10, maximized: false },
    ])
      expect(restorePlacement(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false })
  })
})
