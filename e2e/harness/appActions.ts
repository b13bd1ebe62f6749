import { expect, type Page } from '@playwright/test'

/** What a user does in the app, in the words of the UI. Specs read as a walk through the screens. */
export async function openScreen(
  app: Page,
  name: 'Integrations' | 'Token inspector' | 'History',
): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click()
}

export async function newFromPreset(app: Page, presetName: string): Promise<void> {
  await openScreen(app, 'Integrations')
  await app.getByRole('button', { name: 'New from preset' }).click()
  await app
    .getByRole('list', { name: 'Presets' })
    .getByRole('button', { name: new RegExp(`^${escape(presetName)}`) })
    .click()
  await expect(app.getByRole('form', { name: 'Integration settings' })).toBeVisible()
}

export async function fill(app: Page, label: string, value: string): Promise<void> {
  await app.getByLabel(label, { exact: true }).fill(value)
}

export async function openSection(
  app: Page,
  title: 'Extra headers and fields' | 'Calling the API' | 'Advanced',
): Promise<void> {
  const details = app.locator('details', { has: app.getByRole('heading', { name: title }) })
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open)))
    await details.locator('summary').click()
}

/** Sets the value of an existing key/value row found by its name. */
export async function setRowValue(app: Page, legend: string, name: string, value: string): Promise<void> {
  const group = app.getByRole('group', { name: legend })
  const rows = group.locator('.kv__row')
  const count = await rows.count()
  for (let index = 0; index < count; index++) {
    if ((await rows.nth(index).locator('input').first().inputValue()) === name) {
      await rows.nth(index).locator('input').nth(1).fill(value)
      return
    }
  }
  throw new Error(`No row named ${name} in ${legend}`)
}

export async function getToken(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Get token' }).click()
  await expect(
    app.getByTestId('token-result').or(app.getByTestId('diagnosis')).or(app.getByTestId('editor-error')),
  ).toBeVisible()
}

export async function expectTokenReceived(app: Page): Promise<void> {
  await expect(app.getByTestId('diagnosis'), 'no diagnosis expected').toHaveCount(0)
  await expect(app.getByTestId('editor-error'), 'no error expected').toHaveCount(0)
  await expect(app.getByRole('heading', { name: /^Token received/ })).toBeVisible()
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
