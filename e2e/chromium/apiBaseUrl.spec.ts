import { ALTITUDE_ANGEL_API_PATH, startAltitudeAngelEmulator } from '../../src/main/sandbox/vendors'
import { expectTokenReceived, fill, getToken, newFromPreset, openSection } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

test('Try the API follows a Token URL moved to a test server: the base URL is derived from its host, and says so', async ({
  app,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await openSection(app, 'Calling the API')
    const baseUrl = app.getByLabel('API base URL', { exact: true })
    const host = new URL(emulator.tokenUrl).host
    await expect(baseUrl).toHaveValue(`http://${host}`)
    await expect(app.getByText(`Derived from the Token URL’s host (${host})`)).toBeVisible()
    // Derived, so nothing to warn about.
    await expect(app.getByTestId('field-warning')).toHaveCount(0)

    await getToken(app)
    await expectTokenReceived(app)
    const api = app.getByTestId('api-console')
    await expect(api).toContainText(`derived from the Token URL’s host ${host}`)
    await api.getByLabel('URL', { exact: true }).fill(ALTITUDE_ANGEL_API_PATH)
    await api.getByRole('button', { name: 'Send' }).click()
    await expect(api.getByTestId('api-status')).toHaveText(/HTTP 200/)
    expect(emulator.requests.at(-1)!.path).toBe(ALTITUDE_ANGEL_API_PATH)
  } finally {
    await emulator.close()
  }
})

test('a Token URL moved within the vendor’s domain keeps the vendor’s API base URL, with the warning; typing one is respected', async ({
  app,
}) => {
  await newFromPreset(app, 'Altitude Angel')
  await openSection(app, 'Calling the API')
  const baseUrl = app.getByLabel('API base URL', { exact: true })
  await fill(app, 'Token URL', 'https://sandbox.altitudeangel.com/oauth/v2/token')
  await expect(baseUrl).toHaveValue('https://api.altitudeangel.com')
  await expect(
    app.getByTestId('field-warning').filter({ hasText: 'still points at api.altitudeangel.com' }),
  ).toBeVisible()

  // The user's own base URL stays when the Token URL changes again.
  await baseUrl.fill('https://sandbox-api.altitudeangel.com')
  await fill(app, 'Token URL', 'http://127.0.0.1:9/oauth/v2/token')
  await expect(baseUrl).toHaveValue('https://sandbox-api.altitudeangel.com')
})
