import { startAltitudeAngelEmulator } from '../../src/main/sandbox/vendors'
import { expectTokenReceived, fill, getToken, newFromPreset } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

/**
 * Calls the click does not make: what only shows what is on screen (the request preview as the form
 * changes, a JWT's claims), and the workspace bar's once-a-second look for files changed on disk.
 */
const DISPLAY_CALLS = new Set(['token.preview', 'jwt.decode', 'workspace.current'])

test('one click of Get token is one round trip to main, for a new integration and a saved one', async ({
  app,
  ipcCalls,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Name', 'Drone map')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    const saved = app.getByRole('list', { name: 'Saved integrations' })

    // New and unsaved: saved and answered in the same call, and listed without asking for the list.
    ipcCalls.length = 0
    await getToken(app)
    await expectTokenReceived(app)
    await expect(saved.getByRole('button', { name: /^Drone map/ })).toBeVisible()
    expect(ipcCalls.filter((name) => !DISPLAY_CALLS.has(name))).toEqual(['token.get'])
    await expect(app.getByText('Unsaved')).toHaveCount(0)

    // Saved and unchanged: only the token.
    ipcCalls.length = 0
    await getToken(app)
    await expectTokenReceived(app)
    expect(ipcCalls.filter((name) => !DISPLAY_CALLS.has(name))).toEqual(['token.get'])

    // Renamed: the change is saved with the token request; the list shows the new name.
    await fill(app, 'Name', 'Drone map (test)')
    ipcCalls.length = 0
    await getToken(app)
    await expectTokenReceived(app)
    await expect(saved.getByRole('button', { name: /^Drone map \(test\)/ })).toBeVisible()
    await expect(saved.getByRole('listitem')).toHaveCount(1)
    expect(ipcCalls.filter((name) => !DISPLAY_CALLS.has(name))).toEqual(['token.get'])
  } finally {
    await emulator.close()
  }
})

test('a token request refused after the save still lists the integration, and the next click does not duplicate it', async ({
  app,
}) => {
  await newFromPreset(app, 'Altitude Angel')
  await fill(app, 'Name', 'Half filled')
  await fill(app, 'Client ID', '')
  await app.getByRole('button', { name: 'Get token' }).click()
  await expect(app.getByTestId('editor-error')).toBeVisible()
  const saved = app.getByRole('list', { name: 'Saved integrations' })
  await expect(saved.getByRole('button', { name: /^Half filled/ })).toBeVisible()
  await app.getByRole('button', { name: 'Get token' }).click()
  await expect(app.getByTestId('editor-error')).toBeVisible()
  await expect(saved.getByRole('listitem')).toHaveCount(1)
})
