import type { BrowserContext, Page } from '@playwright/test'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  oidcClients,
  oidcUser,
  startOidcProvider,
  type OidcTestServer,
} from '../../src/main/sandbox/oidcProvider'
import { expectTokenReceived, fill, openSection, newFromPreset } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'
import { captureThemes } from '../harness/screenshots'
import { pageAsSignInWindow } from '../harness/signInWindow'

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname

let oidc: OidcTestServer
test.beforeAll(async () => {
  oidc = await startOidcProvider()
})
test.afterAll(() => oidc.close())

/** The user on the provider's own pages: log in, then consent. */
async function logInAndConsent(page: Page): Promise<void> {
  await page.locator('input[name=login]').fill(oidcUser.login)
  await page.locator('input[name=password]').fill(oidcUser.password)
  await page.locator('button[type=submit]').click()
  await page.getByRole('button', { name: /continue/i }).click()
}

/** The user's default browser: another browser profile, driven like a person would. */
function playTheBrowser(browser: BrowserContext, landed: (page: Page) => void = () => {}) {
  return (url: string) => {
    void (async () => {
      const page = await browser.newPage()
      await page.route(/fonts\.googleapis|fonts\.gstatic/, (route) => route.abort())
      await page.goto(url)
      await logInAndConsent(page)
      landed(page)
    })().catch((error: Error) => console.error(`the user's browser failed: ${error.message}`))
  }
}

async function openIdIntegration(app: Page): Promise<void> {
  await newFromPreset(app, 'OpenID Connect (discovery)')
  await fill(app, 'Issuer', oidc.issuer)
  await fill(app, 'Client ID', oidcClients.native.clientId)
  await app.getByLabel('Send client credentials').selectOption('none')
}

test('signs in with the system browser: the provider’s pages, back to 127.0.0.1, a token and a validated ID token', async ({
  app,
  platform,
  browser,
}) => {
  const userBrowser = await browser.newContext()
  let signedInPage: Page | undefined
  platform.playBrowser(playTheBrowser(userBrowser, (page) => (signedInPage = page)))
  await openIdIntegration(app)
  await app.getByRole('button', { name: 'Sign in with your browser' }).click()
  // The user takes a moment on the provider's pages in the other browser.
  await expect(app.getByTestId('token-result')).toBeVisible({ timeout: 30_000 })
  await expectTokenReceived(app)
  await expect(app.getByTestId('id-token-verdict')).toContainText('Valid: signature checked')
  // Signing in saved the new integration: the list shows it.
  await expect(app.getByRole('complementary', { name: 'Integrations' })).not.toContainText(
    'No integrations yet',
  )
  await expect(app.getByTestId('id-token-claims').locator('tr[data-claim="sub"] td').first()).toHaveText(
    oidcUser.login,
  )
  const authorize = new URL(platform.openedUrls.at(-1)!)
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
  expect(new URL(authorize.searchParams.get('redirect_uri')!).hostname).toBe('127.0.0.1')
  // The browser tab says it is done, in plain words.
  await expect.poll(() => signedInPage?.url() ?? '').toContain('/callback')
  await expect(signedInPage!.getByRole('heading', { name: 'Signed in' })).toBeVisible()
  await signedInPage!.setViewportSize({ width: 800, height: 500 })
  await signedInPage!.screenshot({ path: `${SCREENSHOTS}sign-in-browser-done.png` })
  await captureThemes(app, 'sign-in-id-token', app.getByTestId('id-token'))

  // Sign out at the provider: its end_session_endpoint, with the ID token as the hint.
  platform.playBrowser(() => undefined)
  await app.getByRole('button', { name: 'Sign out at the provider' }).click()
  await expect(app.getByRole('status').filter({ hasText: 'Tokens forgotten here' })).toBeVisible()
  expect(new URL(platform.openedUrls.at(-1)!).searchParams.get('id_token_hint')).toBeTruthy()
  await userBrowser.close()
})

test('signs in inside TokenDesk: the embedded window catches the redirect before it loads', async ({
  app,
  platform,
  context,
}) => {
  const windows: Page[] = []
  platform.playSignInWindow(pageAsSignInWindow(context, (page) => windows.push(page)))
  await openIdIntegration(app)
  await app.getByRole('button', { name: 'Sign in here' }).click()
  await expect.poll(() => windows.length).toBe(1)
  await windows[0]!.setViewportSize({ width: 520, height: 640 })
  await windows[0]!.locator('input[name=login]').waitFor()
  await windows[0]!.screenshot({ path: `${SCREENSHOTS}sign-in-window.png` })
  await logInAndConsent(windows[0]!)
  await expect(app.getByTestId('token-result')).toBeVisible({ timeout: 30_000 })
  await expectTokenReceived(app)
  await expect(app.getByTestId('id-token-verdict')).toContainText('Valid')
  await expect.poll(() => windows[0]!.isClosed(), { timeout: 20_000 }).toBe(true) // the app closed its window
})

test('closing the embedded window ends the sign-in cleanly', async ({ app, platform, context }) => {
  const windows: Page[] = []
  platform.playSignInWindow(pageAsSignInWindow(context, (page) => windows.push(page)))
  await openIdIntegration(app)
  await app.getByRole('button', { name: 'Sign in here' }).click()
  await expect.poll(() => windows.length).toBe(1)
  await windows[0]!.locator('input[name=login]').waitFor() // the provider's page is showing
  await windows[0]!.close()
  await expect(app.getByTestId('editor-error')).toContainText(
    'The sign-in window was closed before the sign-in finished',
  )
  await expect(app.getByTestId('token-result')).toHaveCount(0)
})

test('a provider that refuses embedded browsers (disallowed_useragent) leads to the browser, which completes', async ({
  app,
  platform,
  context,
  browser,
}) => {
  // Google-style: the first visit, in the embedded window, is refused; the browser is let through.
  let visits = 0
  const gate: Server = createServer((request, response) => {
    visits++
    if (visits === 1) {
      response.writeHead(403, { 'content-type': 'text/html' })
      response.end(
        '<h1>Access blocked: this app’s request is invalid</h1><p>Error 403: disallowed_useragent</p>',
      )
      return
    }
    const query = new URL(request.url ?? '/', 'http://127.0.0.1').search
    response.writeHead(302, { location: `${oidc.issuer}/auth${query}` }).end()
  })
  await new Promise<void>((listening) => gate.listen(0, '127.0.0.1', listening))
  try {
    platform.playSignInWindow(pageAsSignInWindow(context))
    const userBrowser = await browser.newContext()
    platform.playBrowser(playTheBrowser(userBrowser))
    await openIdIntegration(app)
    // With the OpenID Connect preset the authorize URL is an override of the discovered one, under Advanced.
    await openSection(app, 'Advanced')
    await fill(app, 'Authorize URL', `http://127.0.0.1:${(gate.address() as AddressInfo).port}/authorize`)
    await app.getByRole('button', { name: 'Sign in here' }).click()
    const advice = app.getByTestId('sign-in-advice')
    await expect(advice).toContainText('refuses sign-in from embedded browsers (disallowed_useragent)')
    await advice.getByRole('button', { name: 'Continue in your browser' }).click()
    await expect(app.getByTestId('token-result')).toBeVisible({ timeout: 30_000 })
    await expectTokenReceived(app)
    await expect(app.getByTestId('id-token-verdict')).toContainText('Valid')
    await userBrowser.close()
  } finally {
    gate.close()
  }
})
