import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/**
 * Debian's Chromium when present (CI and this project's machines); else a browser Playwright manages,
 * if one was installed; else a message that says how to get one. Never downloads anything itself.
 */
export function resolveChromiumExecutable(): string {
  if (process.env['TOKENDESK_CHROMIUM'] && existsSync(process.env['TOKENDESK_CHROMIUM']))
    return process.env['TOKENDESK_CHROMIUM']
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM
  const managed = chromium.executablePath()
  if (managed && existsSync(managed)) return managed
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
