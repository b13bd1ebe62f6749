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
  await fill(app, 'Issuer', oidc.issuer)
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

test('OpenID Connect asks for the issuer first, then shows every discovered endpoint read-only with the document it came from', async ({
  app,
}) => {
  await newFromPreset(app, 'OpenID Connect (discovery)')
  const form = app.getByRole('form', { name: 'Integration settings' })
  const issuer = form.getByLabel('Issuer', { exact: true })
  await expect(issuer).toHaveAttribute('aria-required', 'true')
  // First in "How to get a token" after the grant; the endpoint URLs are only overrides under Advanced.
  const grantSection = form.locator('section', {
    has: app.getByRole('heading', { name: 'How to get a token' }),
  })
  await expect(grantSection.getByLabel('Token URL', { exact: true })).toHaveCount(0)
  const labels = await form.locator('label').allTextContents()
  expect(labels.indexOf('Issuer')).toBeLessThan(labels.indexOf('Client ID'))

  // Get token without an issuer: refused, and the Issuer field says what to fill in.
  await fill(app, 'Client ID', oidcClients.web.clientId)
  await fill(app, 'Client secret', oidcClients.web.clientSecret)
  await app.getByRole('button', { name: 'Get token' }).click()
  await expect(app.getByTestId('editor-error')).toContainText('Token URL')
  await expect(issuer).toHaveAttribute('aria-invalid', 'true')

  // Typing the issuer discovers the endpoints, and the refusal about them goes away.
  await issuer.fill(oidc.issuer)
  const discovered = app.getByTestId('discovered-endpoints')
  await expect(discovered).toBeVisible()
  await expect(app.getByTestId('discovery-url')).toHaveText(`${oidc.issuer}/.well-known/openid-configuration`)
  for (const [key, path] of [
    ['authorization_endpoint', '/auth'],
    ['token_endpoint', '/token'],
    ['userinfo_endpoint', '/me'],
    ['jwks_uri', '/jwks'],
    ['revocation_endpoint', '/token/revocation'],
    ['introspection_endpoint', '/token/introspection'],
    ['end_session_endpoint', '/session/end'],
  ] as const)
    await expect(discovered.locator(`[data-endpoint="${key}"] dd`), key).toHaveText(`${oidc.issuer}${path}`)
  await expect(discovered.getByRole('textbox'), 'read-only: nothing to type in').toHaveCount(0)
  // What discovery answered is no longer asked for; the sign-in's code still is, until the user signs in.
  await expect(app.getByTestId('editor-error')).not.toContainText('Token URL')
  await expect(issuer).not.toHaveAttribute('aria-invalid', 'true')
  await expect(grantSection.getByRole('alert')).toHaveCount(0)

  // An issuer that has no discovery document says so, and shows no endpoints.
  await issuer.fill(`${oidc.issuer}/nothing-here`)
  await expect(app.getByTestId('discovery-status')).toContainText('Endpoints not discovered yet')
  await expect(discovered).toHaveCount(0)
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
