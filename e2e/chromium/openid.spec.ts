import type { BrowserContext } from '@playwright/test'
import {
  oidcClients,
  oidcUser,
  startOidcProvider,
  type OidcTestServer,
} from '../../src/main/sandbox/oidcProvider'
import { approveDeviceCode } from '../../tests/servers/oidcUserAgent'
import { expectTokenReceived, fill, getToken, newFromPreset } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

let oidc: OidcTestServer
test.beforeAll(async () => {
  oidc = await startOidcProvider()
})
test.afterAll(() => oidc.close())

test('OpenID Connect: discovery, sign-in in the browser with PKCE, paste the address it ends on', async ({
  app,
  platform,
  context,
}) => {
  await newFromPreset(app, 'OpenID Connect (discovery)')
  await fill(app, 'Issuer (optional)', oidc.issuer)
  await fill(app, 'Client ID', oidcClients.web.clientId)
  await fill(app, 'Client secret', oidcClients.web.clientSecret)
  await app.getByText('The provider shows a code or PIN instead').click()
  await app.getByRole('button', { name: 'Open the authorize page' }).click()
  await expect(app.getByTestId('authorize-url')).toBeVisible()
  const authorizeUrl = new URL(platform.openedUrls.at(-1)!)
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256')
  expect(authorizeUrl.searchParams.get('state')).toBeTruthy()

  const redirect = await signInAndApprove(context, authorizeUrl.toString())
  // Pasting a redirect that belongs to another attempt is refused because its state differs.
  const forged = new URL(redirect)
  forged.searchParams.set('state', 'someone-elses-state')
  await fill(app, 'Authorization code or PIN', forged.toString())
  await app.getByRole('button', { name: 'Get token' }).click()
  await expect(app.getByTestId('editor-error')).toContainText('not the one TokenDesk sent')

  await fill(app, 'Authorization code or PIN', redirect)
  await getToken(app)
  await expectTokenReceived(app)
  await expect(app.getByText('received (kept in TokenDesk, used to renew)')).toBeVisible()

  // A sign-in token is opaque: ask the provider about it, and who it belongs to.
  await expect(app.getByTestId('opaque-token')).toBeVisible()
  await app.getByRole('button', { name: 'Introspect the token' }).click()
  await expect(app.getByTestId('token-info-introspection')).toContainText(
    'Active: the vendor accepts this token.',
  )
  await app.getByRole('button', { name: 'Get user info' }).click()
  await expect(
    app.getByTestId('token-info-userinfo-claims').locator('tr[data-claim="sub"] td').first(),
  ).toHaveText(oidcUser.login)
})

test('Generic OAuth 2.0 against the OpenID provider: client credentials with the secret in a Basic header', async ({
  app,
}) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Token URL', oidc.tokenUrl)
  await fill(app, 'Client ID', oidcClients.machine.clientId)
  await fill(app, 'Client secret', oidcClients.machine.clientSecret)
  await app.getByLabel('Scopes', { exact: true }).fill('api:read')
  await app.getByLabel('Scopes', { exact: true }).press('Enter')
  await expect(app.getByTestId('scope-preview')).toHaveText('api:read')
  await app.keyboard.press('Control+Enter')
  await expect(app.getByTestId('token-result')).toBeVisible()
  await expectTokenReceived(app)
})

test('Device code: the app shows a code, the user approves elsewhere, the token arrives; Cancel stops waiting', async ({
  app,
  platform,
}) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Name', 'TV app')
  await app.getByLabel('Grant type', { exact: true }).selectOption('device_code')
  await fill(app, 'Token URL', '')
  await fill(app, 'Issuer (optional)', oidc.issuer)
  await app.getByLabel('Send client credentials', { exact: true }).selectOption('none')
  await fill(app, 'Client ID', oidcClients.native.clientId)
  await app.getByLabel('Scopes', { exact: true }).fill('openid offline_access ')

  await app.getByRole('button', { name: 'Get token' }).click()
  await expect(app.getByTestId('user-code')).not.toBeEmpty()
  await app.getByRole('button', { name: 'Cancel' }).click()
  await expect(app.getByTestId('device-prompt')).toHaveCount(0)
  await expect(app.getByRole('button', { name: 'Get token' })).toBeEnabled()

  await app.getByRole('button', { name: 'Get token' }).click()
  await expect(app.getByTestId('user-code')).not.toBeEmpty()
  await app.getByRole('button', { name: 'Open the page here' }).click()
  await expect.poll(() => platform.openedUrls.length).toBe(1)
  await approveDeviceCode(platform.openedUrls[0]!)
  await expect(app.getByTestId('token-result')).toBeVisible({ timeout: 15_000 })
  await expectTokenReceived(app)
})

/** The user's browser: sign in on the provider's page, approve, and end on the redirect address. */
async function signInAndApprove(context: BrowserContext, authorizeUrl: string): Promise<string> {
  const browser = await context.newPage()
  await browser.route(/fonts\.googleapis|fonts\.gstatic/, (route) => route.abort())
  let landed = ''
  await browser.route('http://127.0.0.1/callback**', async (route) => {
    landed = route.request().url()
    await route.fulfill({ contentType: 'text/html', body: '<p>You can close this window.</p>' })
  })
  await browser.goto(authorizeUrl)
  await browser.locator('input[name=login]').fill(oidcUser.login)
  await browser.locator('input[name=password]').fill(oidcUser.password)
  await browser.locator('button[type=submit]').click()
  await browser.getByRole('button', { name: /continue/i }).click()
  await expect.poll(() => landed).toContain('code=')
  await browser.close()
  return landed
}
