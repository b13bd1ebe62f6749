import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { callNames } from '../../src/shared/ipc/contract'
import { startAvionteEmulator } from '../../src/main/sandbox/vendors'
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
  // No http(s) URL is opened here: the policy would hand it to the developer's real browser.
  await page.evaluate(() => {
    window.location.href = 'file:///etc/passwd'
    window.open('file:///etc/hosts')
    window.open('app://tokendesk/index.html')
  })
  await page.waitForTimeout(300)
  expect(page.url()).toBe(before)
  expect(app.windows()).toHaveLength(1)
})

test('serves the app only from app://tokendesk/, with the CSP as a response header', async () => {
  const page = await app.firstWindow()
  const answer = await page.evaluate(async () => {
    const own = await fetch('app://tokendesk/index.html')
    return { status: own.status, csp: own.headers.get('content-security-policy') }
  })
  expect(answer.status).toBe(200)
  expect(answer.csp).toContain("script-src 'self'")
  expect(answer.csp).toContain("frame-ancestors 'none'")
  const other = await page.evaluate(() =>
    fetch('app://evil/index.html').then(
      (response) => response.status,
      () => 'refused',
    ),
  )
  expect(other === 404 || other === 'refused').toBe(true)
})

test('Copy works: the app’s page may write the clipboard, and only that', async () => {
  const page = await app.firstWindow()
  await page.bringToFront()
  const written = await page.evaluate(() =>
    navigator.clipboard.writeText('copied by the test').then(
      () => 'written',
      (error: Error) => error.name,
    ),
  )
  expect(written).toBe('written')
  expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe('copied by the test')
  const camera = await page.evaluate(
    () =>
      navigator.mediaDevices?.getUserMedia({ video: true }).then(
        () => 'granted',
        (error: Error) => error.name,
      ) ?? Promise.resolve('no media devices'),
  )
  expect(camera).not.toBe('granted')
})

test('signs in inside the app: the embedded window shows the provider, catches the redirect and closes', async () => {
  const { oidcClients, oidcUser, startOidcProvider } = await import('../../src/main/sandbox/oidcProvider')
  const oidc = await startOidcProvider()
  try {
    const page = await app.firstWindow()
    await newFromPreset(page, 'OpenID Connect (discovery)')
    await fill(page, 'Issuer (optional)', oidc.issuer)
    await fill(page, 'Client ID', oidcClients.native.clientId)
    await page.getByLabel('Send client credentials').selectOption('none')
    const opened = app.waitForEvent('window')
    await page.getByRole('button', { name: 'Sign in here' }).click()
    const signIn = await opened
    // The window has no preload and no Node: the provider's page is just a page.
    expect(await signIn.evaluate(() => typeof (window as { tokendesk?: unknown }).tokendesk)).toBe(
      'undefined',
    )
    await signIn.locator('input[name=login]').fill(oidcUser.login)
    await signIn.locator('input[name=password]').fill(oidcUser.password)
    await signIn.locator('button[type=submit]').click()
    await signIn.getByRole('button', { name: /continue/i }).click()
    await expect(page.getByTestId('token-result')).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('id-token-verdict')).toContainText('Valid')
    await expect.poll(() => app.windows().length).toBe(1)
  } finally {
    await oidc.close()
  }
})
