import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices } from '../../src/main/services'
import { nodePlatform } from '../../tests/support/nodePlatform'
import { openScreen } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@tokendesk.test', ...args], {
    cwd,
    stdio: 'ignore',
  })
}

/** A team's repository: a teammate's checkout with one integration in a folder and two environments, pushed. */
function teamRepository() {
  const base = mkdtempSync(join(tmpdir(), 'tokendesk-e2e-git-'))
  const origin = join(base, 'origin.git')
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin])
  const teammate = join(base, 'teammate')
  execFileSync('git', ['clone', '-q', origin, teammate], { stdio: 'ignore' })
  const services = createServices({ ...nodePlatform().platform, watchWorkspace: false })
  services.workspaces.open(teammate)
  services.repository.save({
    integration: {
      name: 'List employees',
      grant: 'client_credentials',
      tokenUrl: '{{auth_host}}/oauth/token',
      clientId: 'payroll-client',
      clientSecret: 'the-teammates-own-secret',
    },
    folder: ['Payroll'],
  })
  for (const [name, host] of [
    ['staging', 'https://staging.payroll.test'],
    ['prod', 'https://payroll.test'],
  ] as const)
    services.environments.save({ name, variables: [{ name: 'auth_host', value: host, secret: false }] })
  git(teammate, 'add', '-A')
  git(teammate, 'commit', '-q', '-m', 'Payroll integration')
  git(teammate, 'push', '-q', 'origin', 'main')
  const mine = join(base, 'mine')
  execFileSync('git', ['clone', '-q', origin, mine], { stdio: 'ignore' })
  return { teammate, mine }
}

test('a git checkout opened as workspace: folders, "needs your" secrets, environments, and a git pull shown at once', async ({
  app,
  platform,
}) => {
  const { teammate, mine } = teamRepository()
  platform.queueFolderToOpen(mine)
  await openScreen(app, 'Integrations')
  await app.getByRole('button', { name: 'Choose workspace folder…' }).click()
  await expect(app.getByTestId('workspace-path')).toHaveText(mine)

  const folder = app.getByRole('list', { name: 'Folder Payroll' })
  await expect(folder.getByRole('button', { name: /^List employees/ })).toContainText(
    'needs your Client secret',
  )
  await folder.getByRole('button', { name: /^List employees/ }).click()
  await expect(app.getByTestId('needs-your-secrets')).toContainText('Needs your Client secret')

  await app.getByRole('combobox', { name: 'Environment', exact: true }).selectOption('staging')
  await expect(app.getByTestId('preview-environment')).toHaveText('Environment: staging')
  await expect(app.getByTestId('preview-http')).toContainText('POST https://staging.payroll.test/oauth/token')
  await app.getByRole('combobox', { name: 'Environment', exact: true }).selectOption('prod')
  await expect(app.getByTestId('preview-http')).toContainText('POST https://payroll.test/oauth/token')

  // The teammate renames the integration and pushes; here, a pull — and the running app shows it.
  const file = join(teammate, 'Payroll', 'list-employees.json')
  const changed = { ...JSON.parse(readFileSync(file, 'utf8')), name: 'List employees (v2)' }
  writeFileSync(file, JSON.stringify(changed, null, 2) + '\n')
  git(teammate, 'commit', '-q', '-am', 'Rename')
  git(teammate, 'push', '-q', 'origin', 'main')
  git(mine, 'pull', '-q', '--ff-only')
  await expect(folder.getByRole('button', { name: /^List employees \(v2\)/ })).toBeVisible()
  await expect(app.getByRole('heading', { name: 'List employees (v2)' })).toBeVisible()
  expect(readFileSync(join(mine, 'Payroll', 'list-employees.json'), 'utf8')).not.toContain(
    'the-teammates-own-secret',
  )
})
