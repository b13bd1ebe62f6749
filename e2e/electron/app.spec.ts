import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { callNames } from '../../src/shared/ipc/contract'
import { startAvionteEmulator } from '../../tests/servers/vendors'
import {
  expectTokenReceived,
  fill,
  getToken,
  newFromPreset,
  openScreen,
  openSection,
  setRowValue,
} from '../harness/appActions'
import { ELECTRON_SKIP_MESSAGE, findElectronBinary } from '../harness/electronBinary'

const binary = findElectronBinary()
test.skip(!binary, ELECTRON_SKIP_MESSAGE)

const userData = mkdtempSync(join(tmpdir(), 'tokendesk-electron-'))
let app: ElectronApplication
test.beforeAll(async () => {
  app = await electron.launch({
    executablePath: binary!,
    args: [resolve(import.meta.dirname, '../..')],
    env: { ...process.env, TOKENDESK_USER_DATA: userData },
  })
})
test.afterAll(() => app?.close())

test('opens one locked-down window from app://, exposing only the contract', async () => {
  const page = await app.firstWindow()
  await expect(page.getByRole('heading', { name: 'Integrations' })).toBeVisible()
  expect(new URL(page.url()).protocol).toBe('app:')
  // With contextIsolation, sandbox and no nodeIntegration, the page has no process and no require.
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  const namespaces = [...new Set(callNames.map((name) => name.split('.')[0]))].sort()
  expect(await page.evaluate(() => Object.keys(window.tokendesk).sort())).toEqual(namespaces)
})

test('decodes a pasted token through the real preload and IPC', async () => {
  const page = await app.firstWindow()
  await openScreen(page, 'Token inspector')
  await page.getByLabel('Token', { exact: true }).fill('only.two')
  await expect(page.getByTestId('decode-error')).toContainText('this one has 2')
})

test('gets a token from a vendor and keeps its secrets off the disk in plaintext', async () => {
  const emulator = await startAvionteEmulator()
  try {
    const page = await app.firstWindow()
    await newFromPreset(page, 'Avionté BOLD')
    await fill(page, 'Token URL', emulator.tokenUrl)
    await fill(page, 'Client ID', emulator.credentials.clientId)
    await fill(page, 'Client secret', emulator.credentials.clientSecret)
    await openSection(page, 'Extra headers and fields')
    await setRowValue(page, 'Token request headers', 'x-api-key', emulator.credentials.apiKey)
    await getToken(page)
    await expectTokenReceived(page)
    const onDisk = readdirSync(userData, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.json'))
      .map((name) => readFileSync(join(userData, name), 'utf8'))
      .join('\n')
    expect(onDisk).not.toContain(emulator.credentials.clientSecret)
    expect(onDisk).not.toContain(emulator.credentials.apiKey)
  } finally {
    await emulator.close()
  }
})

test('refuses to navigate away or open new windows', async () => {
  const page = await app.firstWindow()
  const before = page.url()
  await page.evaluate(() => {
    window.location.href = 'https://example.com/'
    window.open('https://example.com/')
  })
  await page.waitForTimeout(300)
  expect(page.url()).toBe(before)
  expect(app.windows()).toHaveLength(1)
})
