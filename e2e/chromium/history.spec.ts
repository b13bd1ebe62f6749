import { startAltitudeAngelEmulator } from '../../src/main/sandbox/vendors'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import { fill, getToken, newFromPreset, openScreen } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

test('history shows date and error, filters by date, says when nothing matches, and retries or opens the integration', async ({
  app,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Name', 'Flight reports')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', 'not-the-secret')
    await getToken(app)
    await expect(app.getByTestId('diagnosis')).toBeVisible()

    await openScreen(app, 'History')
    const table = app.getByTestId('history-table')
    await expect(table.getByRole('columnheader')).toHaveText([
      'Date',
      'Integration',
      'Request',
      'Status',
      'Error',
      'Took',
    ])
    const row = table.getByRole('row').nth(1)
    await expect(row.getByRole('cell').nth(4)).toHaveText('invalid_client')
    const today = new Date()
    await expect(row.getByRole('cell').first()).toContainText(String(today.getFullYear()))

    await app.getByLabel('Date', { exact: true }).selectOption('today')
    await expect(table.getByRole('row')).toHaveCount(2)
    await app.getByLabel('Date', { exact: true }).selectOption('range')
    await app.getByLabel('From', { exact: true }).fill('2001-01-01')
    await app.getByLabel('To', { exact: true }).fill('2001-12-31')
    await expect(app.getByText('No exchanges match these filters.')).toBeVisible()
    await expect(app.getByText('Nothing here yet.')).toHaveCount(0)
    await expectNoSeriousA11yViolations(app, 'history, no match')
    await app.getByRole('button', { name: 'Clear filters' }).click()
    await expect(app.getByLabel('Date', { exact: true })).toHaveValue('all')
    await expect(table.getByRole('row')).toHaveCount(2)

    await table.getByRole('button', { name: /Token · POST/ }).click()
    const detail = app.getByTestId('history-detail')
    await expect(detail.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/)
    await expect(detail).toContainText(`Token request on`)
    await expect(detail).toContainText(String(today.getFullYear()))
    await expectNoSeriousA11yViolations(app, 'history detail')

    const before = emulator.requests.length
    await detail.getByRole('button', { name: 'Retry the token request' }).click()
    await expect(app.getByTestId('history-retried')).toContainText('Retried:')
    expect(emulator.requests.length).toBe(before + 1)
    await expect(table.getByRole('row')).toHaveCount(3)

    await app.getByTestId('history-detail').getByRole('button', { name: 'Open integration' }).click()
    await expect(app.getByRole('button', { name: 'Integrations', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await expect(app.getByLabel('Name', { exact: true })).toHaveValue('Flight reports')
  } finally {
    await emulator.close()
  }
})

test('Retry in history sends the same API call again, with the token placed by main', async ({ app }) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await getToken(app)
    const api = app.getByTestId('api-console')
    await api.getByLabel('URL', { exact: true }).fill(emulator.apiUrl)
    await api.getByRole('button', { name: 'Send' }).click()
    await expect(api.getByTestId('api-status')).toHaveText(/HTTP 200/)

    await openScreen(app, 'History')
    await app
      .getByTestId('history-table')
      .getByRole('button', { name: /API · GET/ })
      .click()
    const calls = () => emulator.requests.filter((request) => request.path.startsWith('/api/')).length
    const before = calls()
    await app.getByRole('button', { name: 'Retry the API call' }).click()
    await expect(app.getByTestId('history-retried')).toHaveText('Retried: HTTP 200 OK')
    expect(calls()).toBe(before + 1)
    const last = emulator.requests.at(-1)!
    expect(last.headers['authorization']).toMatch(/^Bearer [^•]+$/)
  } finally {
    await emulator.close()
  }
})
