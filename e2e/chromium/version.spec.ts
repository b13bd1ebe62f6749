import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from '../harness/fixtures'

test('the sidebar shows the version in package.json', async ({ app }) => {
  const { version } = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
  ) as {
    version: string
  }
  await expect(app.getByRole('navigation', { name: 'Main' })).toContainText(`TokenDesk v${version}`)
  await expect(app.getByRole('navigation', { name: 'Main' })).not.toContainText('0.0.0-test')
})
