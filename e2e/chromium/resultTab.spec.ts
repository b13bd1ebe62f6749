import { startAltitudeAngelEmulator } from '../../src/main/sandbox/vendors'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import { fill, getToken, newFromPreset, openSection } from '../harness/appActions'
import { expectLayoutFits } from '../harness/layout'
import { captureScreenshot } from '../harness/screenshots'
import { expect, test } from '../harness/fixtures'

test.describe.configure({ timeout: 90_000 })

test('without room beside the form the result is a tab, brought forward when it arrives; Show me goes back to the field', async ({
  app,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await app.setViewportSize({ width: 1280, height: 800 })
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', 'wrong+secret&x')
    const tabs = app.getByRole('tablist', { name: 'Form or result' })
    const settingsTab = tabs.getByRole('tab', { name: 'Settings' })
    const form = app.getByRole('form', { name: 'Integration settings' })
    await expect(settingsTab).toHaveAttribute('aria-selected', 'true')
    await expect(form).toBeVisible()

    await getToken(app)
    const resultTab = tabs.getByRole('tab', { name: 'Result' })
    await expect(resultTab).toHaveAttribute('aria-selected', 'true')
    await expect(form).toBeHidden()
    await expectLayoutFits(app, app.getByTestId('diagnosis'))
    await expectNoSeriousA11yViolations(app, 'the result tab at 1280×800')
    await captureScreenshot(app, 'layout/result-tab-1280x800')

    // "Show me" brings the form back and puts focus in the field the hint names.
    const showMe = app.getByRole('button', { name: /^Show me: / }).first()
    const label = (await showMe.getAttribute('aria-label'))!.replace('Show me: ', '')
    await showMe.click()
    await expect(settingsTab).toHaveAttribute('aria-selected', 'true')
    await expect(form.getByLabel(label, { exact: true })).toBeFocused()

    // The tabs work from the keyboard: arrows move between them.
    await settingsTab.focus()
    await app.keyboard.press('ArrowRight')
    await expect(resultTab).toHaveAttribute('aria-selected', 'true')
    await expect(resultTab).toBeFocused()
    await expect(app.getByTestId('diagnosis')).toBeVisible()

    // With room, no tabs: the form and the result side by side.
    await app.setViewportSize({ width: 1920, height: 1080 })
    await expect(tabs).toHaveCount(0)
    await expect(form).toBeVisible()
    await expect(app.getByTestId('diagnosis')).toBeVisible()
  } finally {
    await emulator.close()
  }
})

test('Save and Get token stay on screen down a long form, and the widest window still fits the result beside it', async ({
  app,
}) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await app.setViewportSize({ width: 900, height: 600 })
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await openSection(app, 'Advanced')
    await app.getByLabel('Timeout (seconds)', { exact: true }).scrollIntoViewIfNeeded()
    await expect(app.getByRole('heading', { name: 'Permissions' })).not.toBeInViewport()
    for (const name of ['Save', 'Get token'])
      await expect(app.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 })
    await app.getByRole('button', { name: 'Get token', exact: true }).click()
    await expect(app.getByRole('tab', { name: 'Result' })).toHaveAttribute('aria-selected', 'true')
    await expectLayoutFits(app, app.getByTestId('token-result'))

    await app.setViewportSize({ width: 2560, height: 1440 })
    await expect(app.getByRole('tablist')).toHaveCount(0)
    await getToken(app)
    await expectLayoutFits(app, app.getByTestId('token-result'))
    await expect(app.getByRole('form', { name: 'Integration settings' })).toBeInViewport()
    await captureScreenshot(app, 'layout/token-2560x1440')
  } finally {
    await emulator.close()
  }
})
