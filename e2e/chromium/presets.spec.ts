import type { Page } from '@playwright/test'
import {
  startAffinityLiveEmulator,
  startAltitudeAngelEmulator,
  startAutovitEmulator,
  startAvionteEmulator,
  startSkyKickEmulator,
} from '../../src/main/sandbox/vendors'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import {
  expectTokenReceived,
  fill,
  getToken,
  newFromPreset,
  openScreen,
  openSection,
} from '../harness/appActions'
import { expect, test } from '../harness/fixtures'
import { captureThemes } from '../harness/screenshots'

/** Each preset, created by filling its form as a non-developer would, gets a token from its vendor's emulator. */

test('Avionté BOLD: fill the form, get a token; the request preview masks the key', async ({ app }) => {
  const emulator = await startAvionteEmulator()
  try {
    await newFromPreset(app, 'Avionté BOLD')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await fill(app, 'API key', emulator.credentials.apiKey)
    await expect(app.getByTestId('preview-http')).toContainText('x-api-key: ••••••')
    await expect(app.getByTestId('preview-http')).not.toContainText(emulator.credentials.apiKey)
    await getToken(app)
    await expectTokenReceived(app)
    await expect(app.getByTestId('opaque-token')).toBeVisible()
    await expect(app.getByRole('list', { name: 'Saved integrations' })).toContainText('Avionté BOLD')
  } finally {
    await emulator.close()
  }
})

test('Avionté BOLD: an empty form lists every missing field at once by its label, marks each, and sends nothing', async ({
  app,
}) => {
  const emulator = await startAvionteEmulator()
  try {
    await newFromPreset(app, 'Avionté BOLD')
    await fill(app, 'Token URL', emulator.tokenUrl)
    const apiKey = app.getByLabel('API key', { exact: true })
    await expect(apiKey).toBeVisible() // at the top level, not in a collapsed section
    await expect(app.getByTestId('preview-http')).toContainText('x-api-key: (empty)')
    await expect(app.getByTestId('request-preview')).toContainText('Still needed — API key')
    await app.getByRole('button', { name: 'Get token' }).click()
    await expect(app.getByTestId('editor-error')).toHaveText(
      'Still needed before a token can be requested: Client ID, Client secret and API key.',
    )
    for (const label of ['Client ID', 'Client secret', 'API key'])
      await expect(app.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true')
    expect(emulator.requests).toHaveLength(0)
    await expect(app.getByLabel('Issuer (optional)', { exact: true })).toBeHidden()
    await expect(app.getByText('Send other credentials in the Basic header')).toBeHidden()
    await openSection(app, 'Advanced')
    await expect(app.getByLabel('Issuer (optional)', { exact: true })).toBeVisible()
  } finally {
    await emulator.close()
  }
})

test('Altitude Angel: a 15-minute JWT whose signature verifies against the vendor’s key set', async ({
  app,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await getToken(app)
    await expectTokenReceived(app)
    await expect(app.getByTestId('token-expiry')).toContainText(/expires in 1[45] min/)
    await expect(app.getByTestId('jwt-payload').locator('tr[data-claim="scope"] td').first()).toHaveText(
      'query_mapdata',
    )

    await app.getByRole('radio', { name: /JWKS/ }).check()
    await app.getByLabel('Key set (JWKS) URL').fill(emulator.jwksUrl)
    await app.getByRole('button', { name: 'Verify' }).click()
    await expect(app.getByTestId('verify-result')).toContainText(/valid/i)
    await expect(app.getByTestId('verify-result')).not.toContainText(/invalid|not valid/i)
    await captureThemes(app, 'integration-token', app.getByTestId('token-result'))
    await expectNoSeriousA11yViolations(app, 'integration with token')
  } finally {
    await emulator.close()
  }
})

test('Altitude Angel: a mistyped secret gets a plain-language diagnosis with a hint and a copyable report', async ({
  app,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', 'wrong+secret&x')
    await getToken(app)
    const diagnosis = app.getByTestId('diagnosis')
    await expect(diagnosis).toBeVisible()
    await expect(app.getByTestId('diagnosis-summary')).toContainText('401')
    await expect(app.getByTestId('diagnosis-hints').locator('[data-hint="secret-encoding"]')).toContainText(
      '+',
    )
    await expect(diagnosis.getByTestId('exchange')).toContainText('client_secret=••••••')
    await expect(diagnosis).not.toContainText('wrong+secret')
    await expect(diagnosis.getByTestId('documented')).toBeVisible()
    // The vendor's words first; advice that keeps the documented method and points at the field to fix.
    await expect(app.getByTestId('diagnosis-summary')).toContainText(
      'Altitude Angel said: Invalid client secret',
    )
    await expect(app.getByTestId('diagnosis-hints')).not.toContainText('Basic')
    await captureThemes(app, 'diagnosis', diagnosis)
    await expectNoSeriousA11yViolations(app, 'diagnosis')
    await app
      .getByTestId('diagnosis-hints')
      .locator('[data-hint="client-auth-style"]')
      .getByRole('button', { name: 'Show me: Client secret' })
      .click()
    await expect(app.getByLabel('Client secret', { exact: true })).toBeFocused()
  } finally {
    await emulator.close()
  }
})

for (const product of ['Partner', 'Distributor'] as const) {
  test(`SkyKick (${product}): Basic of user ID and subscription key, the same key as a header`, async ({
    app,
  }) => {
    const emulator = await startSkyKickEmulator()
    try {
      await newFromPreset(app, `SkyKick (${product})`)
      await fill(app, 'Token URL', emulator.tokenUrl)
      await fill(app, 'API user ID', emulator.credentials.userId)
      await fill(app, 'Subscription key', emulator.credentials.subscriptionKey)
      await getToken(app)
      await expectTokenReceived(app)
      const sent = emulator.requests.at(-1)!
      expect(sent.headers['ocp-apim-subscription-key']).toBe(emulator.credentials.subscriptionKey)
      expect(sent.form).toEqual({ grant_type: 'client_credentials', scope: product })
    } finally {
      await emulator.close()
    }
  })
}

test('Autovit: password grant, then the custom partner grant', async ({ app }) => {
  const emulator = await startAutovitEmulator()
  try {
    await newFromPreset(app, 'Autovit (user login)')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await fill(app, 'Username', emulator.credentials.username)
    await fill(app, 'Password', emulator.credentials.password)
    await getToken(app)
    await expectTokenReceived(app)
    await expect(app.getByTestId('granted-scope')).toContainText('adverts-write read')

    await newFromPreset(app, 'Autovit (partner)')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await fill(app, 'Partner code', emulator.credentials.partnerCode)
    await fill(app, 'Partner secret', emulator.credentials.partnerSecret)
    await getToken(app)
    await expectTokenReceived(app)
    expect(emulator.requests.at(-1)!.form).toMatchObject({
      grant_type: 'partner',
      partner_code: emulator.credentials.partnerCode,
    })
  } finally {
    await emulator.close()
  }
})

test('AffinityLive: approve in the browser, paste the PIN, call the API by query parameter and heal a 401', async ({
  app,
  platform,
  context,
}) => {
  const emulator = await startAffinityLiveEmulator()
  try {
    await newFromPreset(app, 'AffinityLive')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Authorize URL', emulator.authorizeUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await openSection(app, 'Calling the API')
    await fill(app, 'API base URL', emulator.url)
    await app.getByLabel('Send the token', { exact: true }).selectOption('query')
    await expect(app.getByLabel('Query parameter name', { exact: true })).toHaveValue('_bearer_token')

    await app.getByRole('button', { name: 'Open the authorize page' }).click()
    await expect(app.getByTestId('authorize-url')).toBeVisible()
    const pin = await approveInBrowser(await context.newPage(), platform.openedUrls.at(-1)!)
    await fill(app, 'Authorization code or PIN', pin)
    await getToken(app)
    await expectTokenReceived(app)

    const api = app.getByTestId('api-console')
    await api.getByLabel('URL', { exact: true }).fill('/public_api/v0/companies/1')
    await api.getByRole('button', { name: 'Send' }).click()
    await expect(api.getByTestId('api-status')).toHaveText(/HTTP 200/)
    expect(emulator.requests.at(-1)!.query._bearer_token).toBeTruthy()

    emulator.expireAccessTokens()
    await api.getByRole('button', { name: 'Send' }).click()
    await expect(api.getByTestId('api-renewed')).toBeVisible()
    await expect(api.getByTestId('api-status')).toHaveText(/HTTP 200/)

    await openScreen(app, 'History')
    const table = app.getByTestId('history-table')
    await expect(table.getByRole('row')).toHaveCount(1 + 5) // token, API 200, API 401, refresh, API 200
    await app.getByLabel('Outcome').selectOption('failed')
    await expect(table.getByRole('row')).toHaveCount(2)
    await table.getByRole('button', { name: /API · GET/ }).click()
    await expect(app.getByTestId('history-detail')).toContainText('401')
    await expect(app.getByTestId('history-detail')).toContainText('_bearer_token=••••••')
    await captureThemes(app, 'history')
    await expectNoSeriousA11yViolations(app, 'history')
  } finally {
    await emulator.close()
  }
})

/** The user's side of the installed-app flow: the vendor's page in a browser, Approve, read the PIN. */
async function approveInBrowser(browserPage: Page, authorizeUrl: string): Promise<string> {
  await browserPage.goto(authorizeUrl)
  await browserPage.getByRole('button', { name: /approve/i }).click()
  const pin = (await browserPage.locator('#pin').textContent())!.trim()
  await browserPage.close()
  return pin
}
