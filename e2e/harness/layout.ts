import { expect, test, type Locator, type Page } from '@playwright/test'
import { captureScreenshot } from './screenshots'

/** The window sizes the layout is held to: a small laptop, the app's default window, a full-HD screen. */
export const layoutSizes = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const

/**
 * Runs `step` (which brings a result on screen) at each window size in each theme, from the top of
 * the page each time so that "brought into view" is what the app did, not where the test left it.
 */
export async function withEachLayout(page: Page, name: string, step: () => Promise<void>): Promise<void> {
  for (const size of layoutSizes) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme })
      await scrollEverythingToTop(page)
      await test.step(`${size.width}×${size.height} ${colorScheme}`, step)
      await captureScreenshot(page, `layout/${name}-${size.width}x${size.height}-${colorScheme}`)
    }
  }
  await page.emulateMedia({ colorScheme: null })
}

/**
 * What a user sees when a result arrives: no sideways scrolling anywhere (the page or any pane),
 * the result in the window, and every button of its header inside the window.
 */
export async function expectLayoutFits(page: Page, result: Locator): Promise<void> {
  await expect(result).toBeInViewport()
  const overflowing = await page.evaluate(() => {
    const panes = [
      document.documentElement,
      ...document.querySelectorAll<HTMLElement>('main, section, .editor-columns, .editor-columns__result'),
    ]
    return panes
      .filter(
        (element) =>
          element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'hidden',
      )
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} ${element.getAttribute('aria-label') ?? ''} (${element.scrollWidth} > ${element.clientWidth})`,
      )
  })
  expect(overflowing, 'panes that scroll sideways').toEqual([])
  const viewport = page.viewportSize()!
  const buttons = result.locator('.panel__header').first().getByRole('button')
  const count = await buttons.count()
  expect(count, 'buttons in the result header').toBeGreaterThan(0)
  for (let index = 0; index < count; index++) {
    const box = (await buttons.nth(index).boundingBox())!
    const label = await buttons.nth(index).textContent()
    expect(box, `"${label}" has a box`).not.toBeNull()
    expect(box.x, `"${label}" left edge`).toBeGreaterThanOrEqual(0)
    expect(box.y, `"${label}" top edge`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `"${label}" right edge`).toBeLessThanOrEqual(viewport.width)
    expect(box.y + box.height, `"${label}" bottom edge`).toBeLessThanOrEqual(viewport.height)
  }
}

async function scrollEverythingToTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const element of [document.documentElement, ...document.querySelectorAll('*')])
      if (element.scrollTop > 0) element.scrollTop = 0
  })
}
