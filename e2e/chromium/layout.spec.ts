import {
  startAltitudeAngelEmulator,
  startAvionteEmulator,
  startSkyKickEmulator,
} from '../../src/main/sandbox/vendors'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import { fill, getToken, newFromPreset } from '../harness/appActions'
import { expectLayoutFits, layoutSizes, withEachLayout } from '../harness/layout'
import { expect, test } from '../harness/fixtures'

/**
 * The result of Get token — a token or a diagnosis — at the window sizes people use, in both themes:
 * nothing runs past the right edge, the result is brought into view, and its buttons can be clicked.
 */

// Six rounds (three sizes, two themes) per test, each with a screenshot.
test.describe.configure({ timeout: 120_000 })

test('Altitude Angel: a JWT and its claims fit at every window size, in both themes', async ({ app }) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await withEachLayout(app, 'altitude-token', async () => {
      await getToken(app)
      await expect(app.getByRole('heading', { name: /^Token received/ })).toBeVisible()
      await expectLayoutFits(app, app.getByTestId('token-result'))
    })
  } finally {
    await emulator.close()
  }
})

test('Altitude Angel: a diagnosis with its request and response fits at every window size', async ({
  app,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', 'wrong+secret&x')
    await withEachLayout(app, 'altitude-diagnosis', async () => {
      await getToken(app)
      await expectLayoutFits(app, app.getByTestId('diagnosis'))
    })
  } finally {
    await emulator.close()
  }
})

test('Avionté: an opaque token and a refused secret both fit at every window size', async ({ app }) => {
  const emulator = await startAvionteEmulator()
  try {
    await newFromPreset(app, 'Avionté BOLD')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await fill(app, 'API key', emulator.credentials.apiKey)
    await withEachLayout(app, 'avionte-token', async () => {
      await getToken(app)
      await expect(app.getByTestId('opaque-token')).toBeVisible()
      await expectLayoutFits(app, app.getByTestId('token-result'))
    })
    await fill(app, 'Client secret', 'not-the-secret')
    await withEachLayout(app, 'avionte-diagnosis', async () => {
      await getToken(app)
      await expectLayoutFits(app, app.getByTestId('diagnosis'))
    })
  } finally {
    await emulator.close()
  }
})

test('SkyKick: the token result fits at the smallest window and at the default window; axe stays clean', async ({
  app,
}) => {
  const emulator = await startSkyKickEmulator()
  try {
    await newFromPreset(app, 'SkyKick (Partner)')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'API user ID', emulator.credentials.userId)
    await fill(app, 'Subscription key', emulator.credentials.subscriptionKey)
    await app.setViewportSize({ width: 900, height: 600 })
    await getToken(app)
    await expectLayoutFits(app, app.getByTestId('token-result'))
    const readme = layoutSizes.find((size) => size.width === 1280)!
    await app.setViewportSize(readme)
    await getToken(app)
    await expectLayoutFits(app, app.getByTestId('token-result'))
    await expectNoSeriousA11yViolations(app, 'token result at 1280×800')
  } finally {
    await emulator.close()
  }
})
