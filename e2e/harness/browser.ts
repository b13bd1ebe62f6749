import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

function installedChromium(): string | null {
  if (process.env['TOKENDESK_CHROMIUM'] && existsSync(process.env['TOKENDESK_CHROMIUM']))
    return process.env['TOKENDESK_CHROMIUM']
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM
  const managed = chromium.executablePath()
  return managed && existsSync(managed) ? managed : null
}

/**
 * Debian's Chromium when present (CI and this project's machines); else a browser Playwright manages,
 * if one was installed; else, once, `playwright install chromium` (works on a machine that is online);
 * else a message that says what to install.
 */
export function resolveChromiumExecutable(): string {
  const found = installedChromium()
  if (found) return found
  if (process.env['TEST_WORKER_INDEX'] === undefined) {
    console.warn('[e2e] No Chromium found: trying "npx playwright install chromium" (needs internet)…')
    spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' })
    const installed = installedChromium()
    if (installed) return installed
  }
  throw new Error(
    [
      'No Chromium found for the end-to-end tests.',
      'Install one of:',
      '  Debian/Ubuntu:  sudo apt-get install -y chromium xvfb fonts-liberation',
      '  elsewhere:      npx playwright install chromium',
      'or point TOKENDESK_CHROMIUM at a Chromium or Chrome executable.',
    ].join('\n'),
  )
}

/** Flags that keep Chromium quiet on a closed network and inside containers. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
