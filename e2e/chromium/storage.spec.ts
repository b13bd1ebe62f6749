import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fill, newFromPreset } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

test.describe('on Linux without a keyring (safeStorage basic_text)', () => {
  test.use({ cipherStrength: 'weak' })

  test('says so plainly and keeps secrets in memory until the user agrees', async ({ app, platform }) => {
    const notice = app.getByTestId('storage-notices')
    await expect(notice).toContainText('No keyring found.')
    await newFromPreset(app, 'Generic OAuth 2.0')
    await fill(app, 'Token URL', 'https://vendor.test/token')
    await fill(app, 'Client ID', 'client')
    await fill(app, 'Client secret', 'weakly-kept-secret')
    await app.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(app.getByText('Unsaved')).toHaveCount(0)
    const vaultFile = () =>
      JSON.parse(readFileSync(join(platform.userData, 'vault.json'), 'utf8')) as { entries?: object }
    expect(vaultFile().entries ?? {}).toEqual({})

    await notice.getByRole('button', { name: 'Save secrets anyway' }).click()
    await expect(notice).not.toContainText('No keyring found.')
    expect(Object.keys(vaultFile().entries ?? {})).toHaveLength(1)
    expect(readFileSync(join(platform.userData, 'vault.json'), 'utf8')).not.toContain('weakly-kept-secret')
  })
})

test.describe('without any encryption', () => {
  test.use({ cipherStrength: 'unavailable' })

  test('tells the user secrets last for this session only', async ({ app }) => {
    await expect(app.getByTestId('storage-notices')).toContainText('Secrets are kept for this session only')
  })
})
