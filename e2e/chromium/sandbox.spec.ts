import type { BrowserContext, Locator, Page } from '@playwright/test'
import { SANDBOX_SWITCHES, type SandboxSwitchId } from '../../src/shared/sandbox'
import { oidcUser } from '../../src/main/sandbox/oidcProvider'
import { expectTokenReceived, openScreen } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

/** The sandbox twins "Try it with the sandbox" makes, by the name the list shows. */
const TWINS = [
  'Avionté BOLD (Sandbox)',
  'Altitude Angel (Sandbox)',
  'SkyKick (Partner) (Sandbox)',
  'SkyKick (Distributor) (Sandbox)',
  'Autovit (user login) (Sandbox)',
  'Autovit (partner) (Sandbox)',
  'AffinityLive (Sandbox)',
  'Generic OAuth 2.0 (Sandbox)',
  'OpenID Connect (discovery) (Sandbox)',
]

/** The user's default browser, on the sandbox's pages: the OpenID provider's login and consent, AffinityLive's approval. */
function playTheBrowser(browser: BrowserContext, pins: string[]) {
  return (url: string) => {
    let page: Page | undefined
    void (async () => {
      page = await browser.newPage()
      await page.route(/fonts\.googleapis|fonts\.gstatic/, (route) => route.abort())
      await page.goto(url)
      if (new URL(url).pathname.startsWith('/oauth2/v0/authorize')) {
        await page.getByRole('button', { name: 'Approve' }).click()
        pins.push((await page.locator('#pin').textContent()) ?? '')
        return
      }
      if (!(await page.locator('input[name=login]').isVisible())) return // a denied or tampered sign-in
      await page.locator('input[name=login]').fill(oidcUser.login)
      await page.locator('input[name=password]').fill(oidcUser.password)
      await page.locator('button[type=submit]').click()
      await page.getByRole('button', { name: /continue/i }).click()
    })().catch((error: Error) =>
      console.error(`the user's browser failed on ${page?.url()}: ${error.message}`),
    )
  }
}

async function tryTheSandbox(app: Page): Promise<void> {
  await openScreen(app, 'Integrations')
  await app.getByRole('button', { name: 'Try it with the sandbox' }).click()
  // The first use starts the sandbox: six servers, four of them making RSA keys.
  await expect(app.getByRole('list', { name: 'Saved integrations' }).getByRole('listitem')).toHaveCount(
    TWINS.length,
    { timeout: 30_000 },
  )
}

async function openTwin(app: Page, name: string): Promise<void> {
  await app
    .getByRole('list', { name: 'Saved integrations' })
    .getByRole('listitem')
    .filter({ hasText: name })
    .getByRole('button')
    .first()
    .click()
  await expect(app.getByRole('heading', { name, exact: true, level: 2 })).toBeVisible()
  await expect(app.getByTestId('sandbox-panel')).toBeVisible()
}

/** Gets a token the way the preset does, by clicking: Get token, the PIN page, or sign-in in the browser. */
async function getTokenByClicking(app: Page, name: string, pins: string[]): Promise<void> {
  if (name.startsWith('AffinityLive')) {
    await app.getByRole('button', { name: 'Open the authorize page' }).click()
    await expect.poll(() => pins.length).toBeGreaterThan(0)
    await app.getByLabel('Authorization code or PIN').fill(pins.pop()!)
    await app.getByRole('button', { name: 'Get token' }).click()
  } else if (name.startsWith('OpenID Connect')) {
    await app.getByRole('button', { name: 'Sign in with your browser' }).click()
  } else {
    await app.getByRole('button', { name: 'Get token' }).click()
  }
}

test('from an empty profile, one click makes a sandbox twin of every preset, and each gives a token', async ({
  app,
  platform,
  browser,
}) => {
  test.setTimeout(120_000)
  const pins: string[] = []
  platform.playBrowser(playTheBrowser(await browser.newContext(), pins))
  await tryTheSandbox(app)
  const list = app.getByRole('list', { name: 'Saved integrations' })
  for (const name of TWINS)
    await expect(list.getByRole('listitem').filter({ hasText: name })).toContainText('Sandbox')
  for (const name of TWINS) {
    await openTwin(app, name)
    await getTokenByClicking(app, name, pins)
    await expect(app.getByTestId('token-result')).toBeVisible({ timeout: 30_000 })
    await expectTokenReceived(app)
  }
  // History carries the badge too.
  await openScreen(app, 'History')
  await expect(app.getByRole('table').getByText('Sandbox').first()).toBeVisible()
})

/** The radio is the sandbox's state: it turns checked once main has flipped the switch. */
async function choose(panel: Locator, label: string): Promise<void> {
  const radio = panel.getByRole('radio', { name: label, exact: true })
  await radio.click()
  await expect(radio).toBeChecked()
}

/** Where each switch shows, in the twin that offers it. */
const WALKS: Record<SandboxSwitchId, { twin: string; step: 'token' | 'refresh' | 'api' | 'sign-in' }> = {
  'wrong-secret': { twin: 'Avionté BOLD (Sandbox)', step: 'token' },
  'secret-not-url-encoded': { twin: 'Altitude Angel (Sandbox)', step: 'token' },
  'undeclared-scope': { twin: 'SkyKick (Partner) (Sandbox)', step: 'token' },
  'refresh-token-expired': { twin: 'Altitude Angel (Sandbox)', step: 'refresh' },
  'refresh-token-revoked': { twin: 'Altitude Angel (Sandbox)', step: 'refresh' },
  'refresh-token-rotated': { twin: 'Altitude Angel (Sandbox)', step: 'refresh' },
  'clock-skew': { twin: 'SkyKick (Partner) (Sandbox)', step: 'api' },
  'rate-limit': { twin: 'Autovit (user login) (Sandbox)', step: 'token' },
  'html-page': { twin: 'Generic OAuth 2.0 (Sandbox)', step: 'token' },
  'slow-answer': { twin: 'Avionté BOLD (Sandbox)', step: 'token' },
  'token-expires-early': { twin: 'Altitude Angel (Sandbox)', step: 'api' },
  'missing-scope': { twin: 'Generic OAuth 2.0 (Sandbox)', step: 'api' },
  'sign-in-denied': { twin: 'OpenID Connect (discovery) (Sandbox)', step: 'sign-in' },
  'state-tampered': { twin: 'OpenID Connect (discovery) (Sandbox)', step: 'sign-in' },
}

test('every break switch leads to its diagnosis, which says the sandbox switch caused it', async ({
  app,
  platform,
  browser,
}) => {
  test.setTimeout(420_000)
  platform.playBrowser(playTheBrowser(await browser.newContext(), []))
  await tryTheSandbox(app)
  for (const { id, label } of SANDBOX_SWITCHES) {
    const walk = WALKS[id]
    if (!(await app.getByRole('heading', { name: walk.twin, exact: true, level: 2 }).isVisible()))
      await openTwin(app, walk.twin)
    const panel = app.getByTestId('sandbox-panel')
    // A token first, where the switch needs one: a refresh token to refuse, a token for the API.
    if (walk.step === 'refresh' || walk.step === 'api') {
      await app.getByRole('button', { name: 'Get token' }).click()
      await expect(app.getByTestId('token-result')).toBeVisible({ timeout: 20_000 })
    }
    await choose(panel, label)
    await expect(panel.getByRole('status')).toContainText('On:')
    const cause = `Caused by the sandbox switch: ${label}`
    if (walk.step === 'sign-in') {
      await app.getByRole('button', { name: 'Sign in with your browser' }).click()
      await expect(app.getByTestId('editor-error').or(app.locator('.consent [role=alert]'))).toContainText(
        cause,
        {
          timeout: 20_000,
        },
      )
    } else if (walk.step === 'api') {
      await app.getByRole('button', { name: 'Get token' }).click()
      await expect(app.getByTestId('token-result')).toBeVisible({ timeout: 20_000 })
      await app
        .getByLabel('URL', { exact: true })
        .fill((await app.getByTestId('sandbox-api-url').textContent()) ?? '')
      await app.getByRole('button', { name: 'Send' }).click()
      await expect(app.getByText(cause).first()).toBeVisible({ timeout: 20_000 })
    } else {
      // A refused refresh token: TokenDesk falls back to the grant and says why, with the switch.
      await app.getByRole('button', { name: 'Get token' }).click()
      await expect(app.getByText(cause).first()).toBeVisible({ timeout: 20_000 })
    }
    await choose(panel, 'Working normally')
  }
})
