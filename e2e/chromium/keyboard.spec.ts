import { startAltitudeAngelEmulator } from '../../src/main/sandbox/vendors'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import { expectTokenReceived, fill, newFromPreset, openScreen } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

test('the preset menu works from the keyboard: arrows move, Escape closes it, a pick puts focus in the form', async ({
  app,
}) => {
  const menuButton = app.getByRole('button', { name: 'New from preset' })
  await menuButton.focus()
  await app.keyboard.press('Enter')
  const menu = app.getByRole('list', { name: 'Presets' })
  await expect(menu).toBeVisible()
  await expect(menu.getByRole('button').first()).toBeFocused()
  await app.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  await expect(menuButton).toBeFocused()

  await app.keyboard.press('Enter')
  await app.keyboard.press('ArrowDown')
  await expect(menu.getByRole('button').nth(1)).toBeFocused()
  await app.keyboard.press('ArrowUp')
  await app.keyboard.press('ArrowUp') // wraps to the last preset
  await expect(menu.getByRole('button').last()).toBeFocused()
  await app.keyboard.press('Home')
  const first = menu.getByRole('button').first()
  const name = (await first.locator('strong').textContent())!
  await app.keyboard.press('Enter')
  await expect(menu).toBeHidden()
  await expect(app.getByRole('heading', { name, level: 2 })).toBeVisible()
  await expect(app.getByLabel('Name', { exact: true })).toBeFocused()
  await app.keyboard.press('Control+a')
  await app.keyboard.type('Typed right away')
  await expect(app.getByLabel('Name', { exact: true })).toHaveValue('Typed right away')
})

test('Ctrl+Enter on a new integration saves it, lists it and gets its token', async ({ app }) => {
  const emulator = await startAltitudeAngelEmulator()
  try {
    await newFromPreset(app, 'Altitude Angel')
    await fill(app, 'Name', 'Flight reports')
    await fill(app, 'Token URL', emulator.tokenUrl)
    await fill(app, 'Client ID', emulator.credentials.clientId)
    await fill(app, 'Client secret', emulator.credentials.clientSecret)
    await app.keyboard.press('Control+Enter')
    await expectTokenReceived(app)
    const list = app.getByRole('list', { name: 'Saved integrations' })
    await expect(list.getByRole('button', { name: /^Flight reports/ })).toBeVisible()
    await expect(app.getByText('No integrations yet.')).toHaveCount(0)
  } finally {
    await emulator.close()
  }
})

test('the Export dialog keeps focus inside, closes with Escape and gives focus back to its button', async ({
  app,
}) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Name', 'Orders')
  await app.getByRole('button', { name: 'Save', exact: true }).click()
  const exportButton = app.getByRole('button', { name: 'Export Orders' })
  await exportButton.focus()
  await app.keyboard.press('Enter')
  const dialog = app.getByRole('dialog', { name: 'Export “Orders”' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Include secrets, encrypted with a passphrase')).toBeFocused()
  await expectNoSeriousA11yViolations(app, 'export dialog')
  // Forward and back past either end, focus never leaves the dialog.
  for (const key of [
    'Tab',
    'Tab',
    'Tab',
    'Tab',
    'Shift+Tab',
    'Shift+Tab',
    'Shift+Tab',
    'Shift+Tab',
    'Shift+Tab',
  ]) {
    await app.keyboard.press(key)
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true)
  }
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(exportButton).toBeFocused()
})

test('the passphrase dialog of an encrypted import closes with Escape and imports nothing', async ({
  app,
  handlers,
}) => {
  const saved = await handlers['integrations.save']({
    integration: { name: 'Sealed', grant: 'client_credentials', tokenUrl: 'https://auth.example/token' },
  })
  const sealed = await handlers['integrations.export']({
    ids: [saved.id],
    includeSecrets: true,
    passphrase: 'a long passphrase',
  })
  await handlers['integrations.delete']({ id: saved.id })
  await app.reload()
  await app.getByTestId('import-file').setInputFiles(sealed.path!)
  const dialog = app.getByRole('dialog', { name: 'Open an encrypted export' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel(/^Passphrase for/)).toBeFocused()
  await expectNoSeriousA11yViolations(app, 'passphrase dialog')
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(app.getByText('No integrations yet.')).toBeVisible()
})

test('Ctrl+K is a command palette: type, move with the arrows, pick with Enter, close with Escape', async ({
  app,
  handlers,
}) => {
  for (const name of ['Billing API', 'Orders API', 'Orders sandbox']) {
    await handlers['integrations.save']({
      integration: { name, grant: 'client_credentials', tokenUrl: 'https://auth.example/token' },
    })
  }
  await app.reload()
  await expect(app.getByRole('list', { name: 'Saved integrations' }).getByRole('listitem')).toHaveCount(3)

  await app.keyboard.press('Control+k')
  const palette = app.getByRole('dialog', { name: 'Go to' })
  const input = palette.getByRole('combobox', { name: 'Go to an integration or action' })
  await expect(input).toBeFocused()
  await expectNoSeriousA11yViolations(app, 'command palette')
  await app.keyboard.press('Escape')
  await expect(palette).toBeHidden()

  await app.keyboard.press('Control+k')
  await app.keyboard.type('orders')
  const options = palette.getByRole('listbox').getByRole('option')
  await expect(options).toHaveText([/^Orders API/, /^Orders sandbox/])
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(input).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!)
  await app.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  await expect(app.getByLabel('Name', { exact: true })).toHaveValue('Orders sandbox')

  await app.keyboard.press('Control+k')
  await app.keyboard.type('history')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('heading', { name: 'History', level: 1 })).toBeVisible()

  await app.keyboard.press('Control+k')
  await app.keyboard.type('token insp')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('button', { name: 'Token inspector', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  )

  await app.keyboard.press('Control+k')
  await app.keyboard.type('new from')
  await app.keyboard.press('Enter')
  const menu = app.getByRole('list', { name: 'Presets' })
  await expect(menu).toBeVisible()
  await expect(menu.getByRole('button').first()).toBeFocused()
  await app.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  await openScreen(app, 'History')
  await openScreen(app, 'Integrations')
  await expect(menu, 'the palette’s request opens the menu once, not on every visit').toBeHidden()
})
