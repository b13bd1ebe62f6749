import type { Locator, Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../docs/screenshots')
const RUN_DIR = resolve(import.meta.dirname, '../../test-results/screenshots')

/** The README's screenshots show the app's default window size. */
const README_WINDOW = { width: 1280, height: 800 }

/**
 * Writes the README's screenshots at the default window size, once in the light and once in the dark
 * theme, with `subject` (the result the screenshot is about) scrolled to the top of the window.
 */
export async function captureThemes(page: Page, name: string, subject?: Locator): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const size = page.viewportSize()
  await page.setViewportSize(README_WINDOW)
  await subject?.evaluate((element) => element.scrollIntoView({ block: 'start' }))
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${colorScheme}.png` })
  }
  await page.emulateMedia({ colorScheme: null })
  if (size) await page.setViewportSize(size)
}

/** Keeps what a layout check saw (the window as it was, not the full page), for a person to look at. */
export async function captureScreenshot(page: Page, name: string): Promise<void> {
  const path = `${RUN_DIR}/${name}.png`
  mkdirSync(dirname(path), { recursive: true })
  await page.screenshot({ path })
}
