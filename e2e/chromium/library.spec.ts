import { readFileSync } from 'node:fs'
import { startAutovitEmulator } from '../../src/main/sandbox/vendors'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import { fill, newFromPreset, openScreen } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'
import { captureThemes } from '../harness/screenshots'

test('a first-time user sees what to do on every screen', async ({ app }) => {
  await expect(app.getByText('No integrations yet.')).toBeVisible()
  await expect(app.getByRole('heading', { name: 'Set up an integration' })).toBeVisible()
  await expectNoSeriousA11yViolations(app, 'integrations, empty')
  await captureThemes(app, 'integrations-empty')
  await openScreen(app, 'History')
  await expect(app.getByText('Nothing here yet.')).toBeVisible()
  await expectNoSeriousA11yViolations(app, 'history, empty')
  await openScreen(app, 'Token inspector')
  await expectNoSeriousA11yViolations(app, 'token inspector, empty')
})

test('unsaved changes survive moving to another screen and back', async ({ app }) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Name', 'Half-typed integration')
  await fill(app, 'Client ID', 'my-client')
  await openScreen(app, 'History')
  await openScreen(app, 'Integrations')
  await expect(app.getByLabel('Name', { exact: true })).toHaveValue('Half-typed integration')
  await expect(app.getByLabel('Client ID', { exact: true })).toHaveValue('my-client')
  await expect(app.getByText('Unsaved')).toBeVisible()
})

test('export without secrets, import it back and be told what to fill in; a passphrase export asks for its passphrase', async ({
  app,
  platform,
}) => {
  const autovit = await startAutovitEmulator()
  try {
    await newFromPreset(app, 'Autovit (user login)')
    await fill(app, 'Token URL', autovit.tokenUrl)
    await fill(app, 'Client ID', autovit.credentials.clientId)
    await fill(app, 'Client secret', autovit.credentials.clientSecret)
    await fill(app, 'Username', autovit.credentials.username)
    await fill(app, 'Password', autovit.credentials.password)
    await app.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(app.getByText('Unsaved')).toHaveCount(0)

    await app.getByRole('button', { name: 'Export Autovit (user login)' }).click()
    await app.getByRole('dialog').getByRole('button', { name: 'Export…' }).click()
    const plainPath = (await app.getByTestId('export-done').locator('code').textContent())!
    const plain = readFileSync(plainPath, 'utf8')
    expect(plain).not.toContain(autovit.credentials.clientSecret)
    expect(plain).toContain('<secret not exported: clientSecret>')
    await app.getByRole('dialog').getByRole('button', { name: 'Close' }).click()

    await app.getByTestId('import-file').setInputFiles(plainPath)
    await expect(app.getByTestId('import-result')).toContainText('Imported “Autovit (user login)”')
    await expect(app.getByTestId('import-result')).toContainText('fill in "clientSecret", "password"')
    // What to fill in is amber, not green, and folded: the list stays where it was.
    const imported = app.getByTestId('import-result')
    await expect(imported).toHaveAttribute('data-tone', 'warning')
    await expect(imported.getByRole('listitem').first()).toBeHidden()
    await expect(
      app.getByRole('list', { name: 'Saved integrations' }).getByRole('listitem').last(),
    ).toBeInViewport()
    await imported.getByText(/things? to check/).click()
    await expect(imported.getByRole('listitem').first()).toContainText('fill in "clientSecret", "password"')
    await imported.getByRole('button', { name: 'Dismiss' }).click()
    await expect(imported).toHaveCount(0)

    await app.getByRole('button', { name: 'Export Autovit (user login)' }).first().click()
    const dialog = app.getByRole('dialog')
    await dialog.getByLabel('Include secrets, encrypted with a passphrase').check()
    await dialog.getByLabel('Passphrase (at least 10 characters)').fill('correct horse battery')
    await dialog.getByLabel('Type it again').fill('correct horse battery')
    await dialog.getByRole('button', { name: 'Export…' }).click()
    const sealedPath = (await app.getByTestId('export-done').locator('code').textContent())!
    expect(readFileSync(sealedPath, 'utf8')).not.toContain(autovit.credentials.clientSecret)
    await dialog.getByRole('button', { name: 'Close' }).click()

    await app.getByTestId('import-file').setInputFiles(sealedPath)
    await app.getByLabel(/^Passphrase for/).fill('not the passphrase')
    await app.getByRole('button', { name: 'Open' }).click()
    await expect(app.getByTestId('import-result')).toContainText('does not open this file')
    await app.getByLabel(/^Passphrase for/).fill('correct horse battery')
    await app.getByRole('button', { name: 'Open' }).click()
    await expect(app.getByTestId('import-result')).toContainText('Imported')
    await expect(app.getByRole('list', { name: 'Saved integrations' }).getByRole('listitem')).toHaveCount(3)
    expect(platform.downloads).toBeTruthy()
  } finally {
    await autovit.close()
  }
})

test('the form and result panes resize by keyboard as well as by mouse', async ({ app }) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  const splitter = app.getByRole('separator', { name: 'Resize the form and result panes' })
  await expect(splitter).toHaveAttribute('aria-valuenow', '480')
  await splitter.focus()
  await app.keyboard.press('ArrowRight')
  await expect(splitter).toHaveAttribute('aria-valuenow', '504')
  const box = (await splitter.boundingBox())!
  // Grabbed mid-window: the top of the divider may sit under the sticky action bar.
  const y = app.viewportSize()!.height / 2
  await app.mouse.move(box.x + box.width / 2, y)
  await app.mouse.down()
  await app.mouse.move(box.x + box.width / 2 - 100, y)
  await app.mouse.up()
  await expect(splitter).toHaveAttribute('aria-valuenow', '404')
  const formWidth = await app
    .getByRole('form', { name: 'Integration settings' })
    .evaluate((form) => form.getBoundingClientRect().width)
  expect(formWidth).toBeLessThan(420)
})

test('checks before sending appear under the field they are about, while typing', async ({ app }) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Token URL', 'http://vendor.example/token')
  const tokenUrlField = app.locator('.field', { has: app.getByLabel('Token URL', { exact: true }) })
  await expect(tokenUrlField.getByTestId('field-warning')).toContainText('travel unencrypted')
  await expect(app.getByLabel('Token URL', { exact: true })).toHaveAccessibleDescription(/travel unencrypted/)
  await fill(app, 'Token URL', 'https://vendor.example/token')
  await expect(tokenUrlField.getByTestId('field-warning')).toHaveCount(0)
  await expectNoSeriousA11yViolations(app, 'integration form with a warning')
})
