import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startAltitudeAngelEmulator } from '../../src/main/sandbox/vendors'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import { fill, getToken, newFromPreset, openSection } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

/** A server on 127.0.0.1 that takes requests and never answers: only the caller can end them. */
async function silentServer(): Promise<{
  url: string
  held: IncomingMessage[]
  closed: () => number
  close: () => Promise<void>
}> {
  const held: IncomingMessage[] = []
  let closed = 0
  const server: Server = createServer((request) => {
    held.push(request)
    request.socket.once('close', () => closed++)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    closed: () => closed,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

test('while a token request waits the seconds are counted, and Cancel stops it', async ({ app }) => {
  const silent = await silentServer()
  try {
    await newFromPreset(app, 'Generic OAuth 2.0')
    await fill(app, 'Token URL', `${silent.url}/token`)
    await fill(app, 'Client ID', 'client')
    await fill(app, 'Client secret', 'secret')
    await app.getByRole('button', { name: 'Get token' }).click()
    const waiting = app.getByTestId('elapsed')
    await expect(waiting).toHaveText(/^Getting token — waiting 0 s…$/)
    await expect(waiting).toHaveText(/^Getting token — waiting [1-9]\d* s…$/)
    await expectNoSeriousA11yViolations(app, 'waiting for a token')
    await app.getByRole('button', { name: 'Cancel' }).click()
    await expect(waiting).toBeHidden()
    await expect(app.getByRole('button', { name: 'Get token' })).toBeEnabled()
    await expect.poll(silent.closed, { message: 'the request was aborted in main' }).toBe(1)
  } finally {
    await silent.close()
  }
})

test('Try the API counts the seconds while it waits, and Cancel aborts the call', async ({ app }) => {
  const emulator = await startAltitudeAngelEmulator()
  const silent = await silentServer()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await getToken(app)
    const api = app.getByTestId('api-console')
    await api.getByLabel('URL', { exact: true }).fill(`${silent.url}/reports`)
    await api.getByRole('button', { name: 'Send' }).click()
    await expect(api.getByTestId('elapsed')).toHaveText(/^Sending — waiting [1-9]\d* s…$/)
    expect(silent.held).toHaveLength(1)
    await api.getByRole('button', { name: 'Cancel' }).click()
    await expect(api.getByText('Cancelled: the request was stopped.')).toBeVisible()
    await expect.poll(silent.closed, { message: 'the request was aborted in main' }).toBe(1)
    await expect(api.getByRole('button', { name: 'Send' })).toBeEnabled()
    await expect(api.getByTestId('api-result')).toHaveCount(0)
  } finally {
    await silent.close()
    await emulator.close()
  }
})

test('the timeout is set in seconds under Advanced, and the timeout diagnosis names it and shows it', async ({
  app,
}) => {
  const silent = await silentServer()
  try {
    await newFromPreset(app, 'Generic OAuth 2.0')
    await fill(app, 'Name', 'Slow vendor')
    await fill(app, 'Token URL', `${silent.url}/token`)
    await fill(app, 'Client ID', 'client')
    await fill(app, 'Client secret', 'secret')
    await openSection(app, 'Advanced')
    await fill(app, 'Timeout (seconds)', '1')
    await app.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(app.getByText('Unsaved')).toHaveCount(0)
    // The saved value comes back as typed when the integration is opened again.
    await app.reload()
    await app
      .getByRole('list', { name: 'Saved integrations' })
      .getByRole('button', { name: /^Slow vendor/ })
      .click()
    await openSection(app, 'Advanced')
    await expect(app.getByLabel('Timeout (seconds)', { exact: true })).toHaveValue('1')
    // Closed again: the diagnosis must open it to show the field.
    await app
      .locator('details', { has: app.getByRole('heading', { name: 'Advanced' }) })
      .locator('summary')
      .click()

    await getToken(app)
    const hint = app.getByTestId('diagnosis-hints').locator('[data-hint="timeout"]')
    await expect(hint).toContainText('(the timeout is 1 s)')
    await expect(hint).toContainText('raise “Timeout (seconds)” under Advanced')
    await hint.getByRole('button', { name: 'Show me: Timeout (seconds)' }).click()
    await expect(app.getByLabel('Timeout (seconds)', { exact: true })).toBeFocused()
  } finally {
    await silent.close()
  }
})
