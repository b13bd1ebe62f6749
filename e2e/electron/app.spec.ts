import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { resolve } from 'node:path'
import { callNames } from '../../src/shared/ipc/contract'
import { ELECTRON_SKIP_MESSAGE, findElectronBinary } from '../harness/electronBinary'

const binary = findElectronBinary()
test.skip(!binary, ELECTRON_SKIP_MESSAGE)

let app: ElectronApplication
test.beforeAll(async () => {
  app = await electron.launch({ executablePath: binary!, args: [resolve(import.meta.dirname, '../..')] })
})
test.afterAll(() => app?.close())

test('opens one locked-down window showing the token inspector', async () => {
  const page = await app.firstWindow()
  await expect(page.getByRole('heading', { name: 'Token inspector' })).toBeVisible()
  // With contextIsolation, sandbox and no nodeIntegration, the page has no process and no require.
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
  // The renderer sees the contract's calls and nothing of Node or ipcRenderer.
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  const namespaces = [...new Set(callNames.map((name) => name.split('.')[0]))].sort()
  expect(await page.evaluate(() => Object.keys(window.tokendesk).sort())).toEqual(namespaces)
})

test('decodes a pasted token through the real preload and IPC', async () => {
  const page = await app.firstWindow()
  await page.getByLabel('Token', { exact: true }).fill('only.two')
  await expect(page.getByTestId('decode-error')).toContainText('this one has 2')
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
