import { oidcClients, startOidcProvider, type OidcTestServer } from '../../tests/servers/oidcProvider'
import { expect, test } from '../harness/fixtures'
import { captureThemes } from '../harness/screenshots'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import type { Page } from '@playwright/test'

let oidc: OidcTestServer
test.beforeAll(async () => {
  oidc = await startOidcProvider({ accessTokenTtlSeconds: 14 * 60 + 30 })
})
test.afterAll(() => oidc.close())

async function openInspector(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Token inspector' }).click()
}

/** A real access token: a JWT signed by oidc-provider for the machine client. */
async function fetchAccessToken(): Promise<string> {
  const response = await fetch(oidc.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: oidcClients.machinePost.clientId,
      client_secret: oidcClients.machinePost.clientSecret,
      scope: 'api:read',
    }),
  })
  return ((await response.json()) as { access_token: string }).access_token
}

test('decodes a JWT signed by the OpenID provider and shows its expiry', async ({ app }) => {
  const token = await fetchAccessToken()
  await openInspector(app)
  await app.getByLabel('Token', { exact: true }).fill(token)

  const header = app.getByTestId('jwt-header')
  await expect(header.locator('tr[data-claim="alg"] td').first()).toHaveText('RS256')
  await expect(header.locator('tr[data-claim="kid"] td').first()).toHaveText('test-key-1')

  const payload = app.getByTestId('jwt-payload')
  await expect(payload.locator('tr[data-claim="iss"] td').first()).toHaveText(oidc.issuer)
  await expect(payload.locator('tr[data-claim="client_id"] td').first()).toHaveText(
    oidcClients.machinePost.clientId,
  )
  await expect(payload.locator('tr[data-claim="exp"] td').last()).toHaveText(/refused after this time/)

  await expect(app.getByTestId('expiry')).toContainText('Valid')
  await expect(app.getByTestId('expiry-relative')).toHaveText(/expires in 1[34] min/)
  // exp is shown as a local date, not as the raw number alone.
  const expDate = await app.getByTestId('time-exp').getAttribute('datetime')
  expect(Date.parse(expDate!)).toBeGreaterThan(Date.now())
  await captureThemes(app, 'inspector')
  await expectNoSeriousA11yViolations(app, 'token inspector')
})

test('says which part of a malformed token is wrong', async ({ app }) => {
  await openInspector(app)
  const input = app.getByLabel('Token', { exact: true })
  await input.fill('only.two')
  await expect(app.getByTestId('decode-error')).toContainText('this one has 2')

  await input.fill('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln')
  await expect(app.getByTestId('decode-error')).toContainText(
    'payload (part 2) decodes to text that is not JSON',
  )
  await expect(input).toHaveAttribute('aria-invalid', 'true')

  // What the user typed is kept, so they can fix it.
  await expect(input).toHaveValue('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln')
})

test('shows an expired token as expired', async ({ app }) => {
  await openInspector(app)
  const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) - 3 * 3600
  const payload = Buffer.from(JSON.stringify({ sub: 'x', exp })).toString('base64url')
  await app.getByLabel('Token', { exact: true }).fill(`${header}.${payload}.c2lnbmF0dXJl`)
  await expect(app.getByTestId('expiry')).toContainText('Expired')
  await expect(app.getByTestId('expiry-relative')).toHaveText('expired 3 h ago')
})
