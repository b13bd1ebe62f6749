import { defineConfig } from '@playwright/test'
import { chromiumArgs, resolveChromiumExecutable } from './e2e/harness/browser'
import { ELECTRON_SKIP_MESSAGE, findElectronBinary } from './e2e/harness/electronBinary'

// Printed once, by the runner (workers load this file too).
if (!findElectronBinary() && process.env.TEST_WORKER_INDEX === undefined)
  console.warn(`\n[electron suite] ${ELECTRON_SKIP_MESSAGE}\n`)

export default defineConfig({
  testDir: './e2e',
  // Its `paths` (from tsconfig.base.json) are the aliases the renderer is built with.
  tsconfig: './tsconfig.e2e.json',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  // A limit, not a measurement: sign-in and preset walks take several round trips on a loaded machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { trace: 'retain-on-failure', viewport: { width: 1440, height: 900 } },
  projects: [
    {
      name: 'chromium',
      testDir: './e2e/chromium',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: { executablePath: resolveChromiumExecutable(), args: chromiumArgs },
      },
    },
    { name: 'electron', testDir: './e2e/electron' },
  ],
})
