import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ERR_SECRET_NEEDED, ERR_VARIABLE_UNKNOWN, ERR_WORKSPACE_CONFLICT } from '../../shared/errorCodes'
import type { CallInput, CallName, CallOutput } from '../../shared/ipc/contract'
import type { ErrorData } from '../../shared/result'
import { startAltitudeAngelEmulator, type AltitudeAngelEmulator } from '../sandbox/vendors'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { leakedSecrets } from '../../../tests/support/secretEncodings'
import { dispatchCall } from '../dispatch'
import { createHandlers } from '../handlers'
import { createServices } from '../services'

/** The app's main process as the renderer reaches it, over one user-data folder (one person). */
function person(options: { restartOf?: ReturnType<typeof nodePlatform>; watch?: boolean } = {}) {
  // A restart keeps the folder and the key (the OS keychain keeps it).
  const platform = options.restartOf ?? nodePlatform()
  const services = createServices({ ...platform.platform, watchWorkspace: options.watch ?? false })
  const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services })
  async function attempt<K extends CallName>(name: K, input: CallInput<K>) {
    return (await dispatchCall(handlers, name, input)) as
      { ok: true; value: CallOutput<K> } | { ok: false; error: ErrorData }
  }
  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await attempt(name, input)
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
    return result.value
  }
  async function refused<K extends CallName>(name: K, input: CallInput<K>): Promise<ErrorData> {
    const result = await attempt(name, input)
    if (result.ok) throw new Error(`${name} was expected to be refused`)
    return result.error
  }
  return { ...platform, services, call, refused }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@tokendesk.test', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** A bare "origin" and a first checkout of it. */
function sharedRepository() {
  const base = mkdtempSync(join(tmpdir(), 'tokendesk-git-'))
  const origin = join(base, 'origin.git')
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin])
  const first = join(base, 'alice')
  execFileSync('git', ['clone', '-q', origin, first], { stdio: 'ignore' })
  return { base, origin, first }
}

function everyFile(directory: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const name of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    if (name.split('/')[0] === '.git') continue
    const path = join(directory, name)
    if (statSync(path).isFile()) files.set(name, readFileSync(path))
  }
  return files
}

describe('a workspace is a folder of plain files', () => {
  let vendor: AltitudeAngelEmulator
  beforeAll(async () => {
    vendor = await startAltitudeAngelEmulator()
  })
  afterAll(() => vendor.close())

  it('written by the app, it reads back byte for byte, and holds no secret or token in any encoding', async () => {
    const alice = person()
    const apiKey = 'gateway-key-f00dfeed-1234'
    const saved = await alice.call('integrations.save', {
      integration: {
        name: 'Altitude Angel — maps (EU)',
        grant: 'client_credentials',
        tokenUrl: vendor.tokenUrl,
        clientId: vendor.credentials.clientId,
        clientSecret: vendor.credentials.clientSecret,
        clientAuth: 'body',
        scope: ['query_mapdata'],
        api: { baseUrl: vendor.apiUrl, headers: { 'x-api-key': apiKey, 'x-trace': 'on' } },
      },
      folder: ['Maps', 'Europe'],
      tokenStorage: 'disk',
    })
    await alice.call('environments.save', {
      name: 'staging',
      variables: [
        { name: 'region', value: 'eu-west', secret: false },
        { name: 'partner_code', value: 'partner-code-7f3a9', secret: true },
      ],
    })
    const outcome = await alice.call('token.get', { id: saved.id })
    expect(outcome.ok).toBe(true)
    const tokens = alice.services.vault.getTokens(saved.id)
    const root = alice.services.workspaces.info().path
    const written = everyFile(root)
    expect([...written.keys()].sort()).toEqual([
      'Maps/Europe/altitude-angel-maps-eu.json',
      'environments/staging.json',
      'tokendesk.workspace.json',
    ])
    const file = written.get('Maps/Europe/altitude-angel-maps-eu.json')!.toString('utf8')
    expect(file.endsWith('}\n')).toBe(true)
    expect(JSON.parse(file)).toMatchObject({
      format: 'tokendesk.integration/1',
      id: saved.id,
      secretsNeeded: ['api.headers.x-api-key', 'clientSecret'],
    })
    expect(Object.keys(JSON.parse(file)).slice(0, 3)).toEqual(['format', 'id', 'name'])

    const secrets = [
      vendor.credentials.clientSecret,
      apiKey,
      'partner-code-7f3a9',
      tokens!.access_token,
      tokens!.refresh_token,
    ].filter((each): each is string => typeof each === 'string')
    for (const [name, bytes] of written)
      expect(leakedSecrets(bytes.toString('latin1'), secrets), name).toEqual([])

    // The app restarts over the same folders and saves everything again, unchanged: not one byte moves.
    const again = person({ restartOf: alice })
    for (const { id } of await again.call('integrations.list', {})) {
      const editable = await again.call('integrations.get', { id })
      await again.call('integrations.save', {
        id,
        integration: editable.integration,
        keepSecrets: editable.secretsSet,
        revision: editable.revision,
      })
    }
    const [staging] = (await again.call('environments.list', {})).environments
    await again.call('environments.save', {
      name: staging!.name,
      variables: staging!.variables.map(({ name, value, secret }) => ({ name, value, secret })),
      revision: staging!.revision,
    })
    expect(everyFile(root)).toEqual(written)
    expect((await again.call('token.get', { id: saved.id })).ok).toBe(true)
  })

  it('an integration saved before workspaces moves into the default workspace once, secrets and all', async () => {
    const before = person()
    const { id } = await before.call('integrations.save', {
      integration: {
        name: 'Old one',
        grant: 'client_credentials',
        tokenUrl: vendor.tokenUrl,
        clientId: vendor.credentials.clientId,
        clientSecret: vendor.credentials.clientSecret,
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
    })
    // What TokenDesk wrote before workspaces: integrations.json, and no workspace folder.
    const workspaceRoot = before.services.workspaces.info().path
    const legacy = {
      version: 1,
      integrations: {
        [id]: {
          id,
          integration: before.services.workspaces.current().integration(id)!.integration,
          tokenStorage: 'disk',
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      },
    }
    execFileSync('rm', ['-r', workspaceRoot])
    writeFileSync(join(before.userData, 'integrations.json'), JSON.stringify(legacy))

    const after = person({ restartOf: before })
    expect((await after.call('integrations.list', {})).map((each) => each.name)).toEqual(['Old one'])
    expect(after.services.repository.getWithSecrets(id).clientSecret).toBe(vendor.credentials.clientSecret)
    expect(after.services.repository.tokenStorage(id)).toBe('disk')
    expect(readdirSync(before.userData)).toContain('integrations.json.moved-to-workspace')
    expect(readdirSync(before.userData)).not.toContain('integrations.json')
    // Once: a third start finds nothing more to move and keeps the one integration.
    const third = person({ restartOf: before })
    expect(await third.call('integrations.list', {})).toHaveLength(1)
  })
})

describe('a team shares a workspace with git; secrets and tokens stay per person', () => {
  let vendor: AltitudeAngelEmulator
  beforeAll(async () => {
    vendor = await startAltitudeAngelEmulator()
  })
  afterAll(() => vendor.close())

  it('a teammate cloning it sees the integrations, is asked for their own secret, and gets their own tokens', async () => {
    const { base, first } = sharedRepository()
    const alice = person()
    alice.queueFolderToOpen(first)
    const opened = await alice.call('workspace.open', {})
    expect(opened).toMatchObject({ cancelled: false, workspace: { path: first, isDefault: false } })
    const { id } = await alice.call('integrations.save', {
      integration: {
        name: 'Altitude Angel',
        grant: 'client_credentials',
        tokenUrl: '{{token_url}}',
        clientId: vendor.credentials.clientId,
        clientSecret: vendor.credentials.clientSecret,
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
    })
    await alice.call('environments.save', {
      name: 'dev',
      variables: [{ name: 'token_url', value: vendor.tokenUrl, secret: false }],
    })
    await alice.call('environments.select', { name: 'dev' })
    const aliceToken = await alice.call('token.get', { id })
    expect(aliceToken.ok).toBe(true)
    git(first, 'add', '-A')
    git(first, 'commit', '-q', '-m', 'Altitude Angel integration')
    git(first, 'push', '-q', 'origin', 'main')

    const clone = join(base, 'bob')
    execFileSync('git', ['clone', '-q', join(base, 'origin.git'), clone], { stdio: 'ignore' })
    expect(
      leakedSecrets(JSON.stringify([...everyFile(clone).values()].map(String)), [
        vendor.credentials.clientSecret,
      ]),
    ).toEqual([])
    const bob = person()
    bob.queueFolderToOpen(clone)
    await bob.call('workspace.open', {})
    const [listed] = await bob.call('integrations.list', {})
    expect(listed).toMatchObject({ id, name: 'Altitude Angel', needs: ['Client secret'] })
    await bob.call('environments.select', { name: 'dev' })
    const refused = await bob.refused('token.get', { id })
    expect(refused.code).toBe(ERR_SECRET_NEEDED)
    expect(refused.message).toContain('needs your Client secret')

    const editable = await bob.call('integrations.get', { id })
    await bob.call('integrations.save', {
      id,
      integration: { ...editable.integration, clientSecret: vendor.credentials.clientSecret },
      revision: editable.revision,
    })
    expect((await bob.call('integrations.list', {}))[0]!.needs).toBeUndefined()
    const bobToken = await bob.call('token.get', { id })
    expect(
      bobToken.ok && aliceToken.ok && bobToken.token.access_token !== aliceToken.token.access_token,
    ).toBe(true)
    expect(bobToken.ok && bobToken.environment).toBe('dev')
    // Bob's save changed nothing in the shared file: no diff to commit, and Alice's token is still hers.
    expect(git(clone, 'status', '--porcelain')).toBe('')
    expect(
      alice.services.engine.cache.get(alice.services.useIntegration(id).cacheKey)?.token.access_token,
    ).toBe(aliceToken.ok ? aliceToken.token.access_token : undefined)
  })
})

describe('environments', () => {
  let staging: AltitudeAngelEmulator
  let production: AltitudeAngelEmulator
  beforeAll(async () => {
    staging = await startAltitudeAngelEmulator({
      clientId: 'staging-client',
      clientSecret: 'staging-secret-8a7b',
    })
    production = await startAltitudeAngelEmulator({
      clientId: 'prod-client',
      clientSecret: 'prod-secret-1c2d',
    })
  })
  afterAll(async () => {
    await staging.close()
    await production.close()
  })

  it('switching environment changes the URLs, the credentials and the cached token', async () => {
    const app = person()
    const { id } = await app.call('integrations.save', {
      integration: {
        name: 'Maps',
        grant: 'client_credentials',
        tokenUrl: '{{token_url}}',
        clientId: '{{client_id}}',
        clientSecret: '{{client_secret}}',
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
    })
    for (const [name, vendor] of [
      ['staging', staging],
      ['prod', production],
    ] as const)
      await app.call('environments.save', {
        name,
        variables: [
          { name: 'token_url', value: vendor.tokenUrl, secret: false },
          { name: 'client_id', value: vendor.credentials.clientId, secret: false },
          { name: 'client_secret', value: vendor.credentials.clientSecret, secret: true },
        ],
      })
    // The references stay in the file; the secret value is only in the vault.
    const file = readFileSync(join(app.services.workspaces.info().path, 'maps.json'), 'utf8')
    expect(JSON.parse(file)).toMatchObject({ clientSecret: '{{client_secret}}' })
    expect(file).not.toContain('secret-')

    const none = await app.refused('token.get', { id })
    expect(none).toMatchObject({ code: ERR_VARIABLE_UNKNOWN })
    expect(none.message).toContain('"Token URL" uses {{token_url}}, but no environment is chosen')

    await app.call('environments.select', { name: 'staging' })
    const preview = await app.call('token.preview', {
      id,
      integration: (await app.call('integrations.get', { id })).integration,
    })
    expect(preview.environment).toBe('staging')
    expect(preview.request.url).toBe(staging.tokenUrl)
    expect(preview.request.body).not.toContain('staging-secret-8a7b')
    const first = await app.call('token.get', { id })
    expect(first.ok && first.source).toBe('network')
    expect(staging.requests.some((each) => each.form?.client_id === 'staging-client')).toBe(true)
    expect(staging.requests.some((each) => each.form?.client_secret === 'staging-secret-8a7b')).toBe(true)

    await app.call('environments.select', { name: 'prod' })
    const second = await app.call('token.get', { id })
    expect(second.ok && second.source).toBe('network')
    expect(second.ok && second.environment).toBe('prod')
    expect(production.requests.some((each) => each.form?.client_secret === 'prod-secret-1c2d')).toBe(true)
    expect(first.ok && second.ok && first.token.access_token !== second.token.access_token).toBe(true)

    await app.call('environments.select', { name: 'staging' })
    const third = await app.call('token.get', { id })
    expect(third.ok && third.source).toBe('cache')
    expect(third.ok && first.ok && third.token.access_token).toBe(first.ok && first.token.access_token)

    const history = await app.call('history.list', { integrationId: id })
    expect(history.map((entry) => entry.environment)).toEqual(['prod', 'staging'])
  })

  it('an unknown variable names the field, the variable and the active environment', async () => {
    const app = person()
    await app.call('environments.save', { name: 'staging', variables: [] })
    await app.call('environments.select', { name: 'staging' })
    const { id } = await app.call('integrations.save', {
      integration: {
        name: 'Tenant',
        grant: 'client_credentials',
        tokenUrl: 'https://{{tenant}}.vendor.test/token',
        clientId: 'x',
      },
    })
    const error = await app.refused('token.get', { id })
    expect(error.code).toBe(ERR_VARIABLE_UNKNOWN)
    expect(error.message).toBe(
      '"Token URL" uses {{tenant}}, which the environment "staging" does not define. Add it to "staging", or choose the environment that has it.',
    )
  })
})

describe('changes on disk', () => {
  it('a git pull of a changed, an added and a removed file shows in the running app', async () => {
    const { base, first, origin } = sharedRepository()
    const alice = person({ watch: true })
    alice.queueFolderToOpen(first)
    await alice.call('workspace.open', {})
    const kept = await alice.call('integrations.save', {
      integration: {
        name: 'Payroll',
        grant: 'client_credentials',
        tokenUrl: 'https://payroll.test/token',
        clientId: 'p',
      },
    })
    const gone = await alice.call('integrations.save', {
      integration: {
        name: 'Legacy',
        grant: 'client_credentials',
        tokenUrl: 'https://legacy.test/token',
        clientId: 'l',
      },
    })
    git(first, 'add', '-A')
    git(first, 'commit', '-q', '-m', 'two integrations')
    git(first, 'push', '-q', 'origin', 'main')

    const teammate = join(base, 'carol')
    execFileSync('git', ['clone', '-q', origin, teammate], { stdio: 'ignore' })
    const payroll = JSON.parse(readFileSync(join(teammate, 'payroll.json'), 'utf8'))
    writeFileSync(
      join(teammate, 'payroll.json'),
      JSON.stringify({ ...payroll, name: 'Payroll (v2)' }, null, 2) + '\n',
    )
    git(teammate, 'rm', '-q', 'legacy.json')
    execFileSync('mkdir', ['-p', join(teammate, 'HR')])
    writeFileSync(
      join(teammate, 'HR', 'holidays.json'),
      JSON.stringify(
        {
          format: 'tokendesk.integration/1',
          id: 'holidays-1',
          name: 'Holidays',
          grant: 'client_credentials',
        },
        null,
        2,
      ) + '\n',
    )
    git(teammate, 'add', '-A')
    git(teammate, 'commit', '-q', '-m', 'rename, remove, add')
    git(teammate, 'push', '-q', 'origin', 'main')

    const revision = alice.services.workspaces.info().revision
    git(first, 'pull', '-q', '--ff-only')
    await vi.waitFor(
      async () => {
        expect(alice.services.workspaces.info().revision).toBeGreaterThan(revision)
        const names = (await alice.call('integrations.list', {})).map((each) => [each.name, each.folder])
        expect(names).toEqual([
          ['Holidays', ['HR']],
          ['Payroll (v2)', undefined],
        ])
      },
      { timeout: 10_000, interval: 100 },
    )
    expect((await alice.call('integrations.get', { id: kept.id })).integration.name).toBe('Payroll (v2)')
    expect((await alice.refused('integrations.get', { id: gone.id })).code).toBe('ERR_INTEGRATION_NOT_FOUND')
    alice.services.workspaces.close()
  })

  it('an edit on disk and one in the app lose nothing: a same-file edit is a conflict the user resolves', async () => {
    const app = person({ watch: true })
    const root = app.services.workspaces.info().path
    const payroll = await app.call('integrations.save', {
      integration: {
        name: 'Payroll',
        grant: 'client_credentials',
        tokenUrl: 'https://payroll.test/token',
        clientId: 'p',
      },
    })
    const billing = await app.call('integrations.save', {
      integration: {
        name: 'Billing',
        grant: 'client_credentials',
        tokenUrl: 'https://billing.test/token',
        clientId: 'b',
      },
    })
    const form = await app.call('integrations.get', { id: payroll.id })

    // An editor saves payroll.json the way many do: a temp file renamed over the original.
    const onDisk = {
      ...JSON.parse(readFileSync(join(root, 'payroll.json'), 'utf8')),
      clientId: 'edited-on-disk',
    }
    writeFileSync(join(root, 'payroll.json.swp'), JSON.stringify(onDisk, null, 2) + '\n')
    renameSync(join(root, 'payroll.json.swp'), join(root, 'payroll.json'))
    const diskText = readFileSync(join(root, 'payroll.json'), 'utf8')

    // Meanwhile the app edits another integration: both changes are kept.
    await app.call('integrations.save', {
      id: billing.id,
      integration: {
        ...(await app.call('integrations.get', { id: billing.id })).integration,
        clientId: 'edited-in-app',
      },
    })
    expect(JSON.parse(readFileSync(join(root, 'billing.json'), 'utf8')).clientId).toBe('edited-in-app')
    expect(readFileSync(join(root, 'payroll.json'), 'utf8')).toBe(diskText)

    // Saving the form loaded before the disk edit is refused, whether or not the watcher has seen it yet.
    const mine = { ...form.integration, name: 'Payroll (mine)' }
    const conflict = await app.refused('integrations.save', {
      id: payroll.id,
      integration: mine,
      revision: form.revision,
    })
    expect(conflict.code).toBe(ERR_WORKSPACE_CONFLICT)
    expect(conflict.message).toContain('changed on disk (payroll.json)')
    expect(readFileSync(join(root, 'payroll.json'), 'utf8')).toBe(diskText)
    await vi.waitFor(async () =>
      expect((await app.call('integrations.get', { id: payroll.id })).integration.clientId).toBe(
        'edited-on-disk',
      ),
    )

    // "Reload from disk" shows the disk's version; "Keep mine" writes the user's over it, knowingly.
    const reloaded = await app.call('integrations.get', { id: payroll.id })
    expect(reloaded.revision).not.toBe(form.revision)
    await app.call('integrations.save', {
      id: payroll.id,
      integration: mine,
      revision: form.revision,
      overwrite: true,
    })
    expect(JSON.parse(readFileSync(join(root, 'payroll.json'), 'utf8'))).toMatchObject({
      name: 'Payroll (mine)',
      clientId: 'p',
    })
    app.services.workspaces.close()
  })

  it('an environment changed on disk is not overwritten by a save from an older copy', async () => {
    const app = person()
    const saved = await app.call('environments.save', {
      name: 'staging',
      variables: [{ name: 'host', value: 'https://one.test', secret: false }],
    })
    const loaded = saved.environments[0]!
    const path = join(app.services.workspaces.info().path, 'environments', 'staging.json')
    const onDisk = JSON.parse(readFileSync(path, 'utf8'))
    onDisk.variables.push({ name: 'tenant', value: 'from-git' })
    writeFileSync(path, JSON.stringify(onDisk, null, 2) + '\n')
    const refused = await app.refused('environments.save', {
      name: 'staging',
      variables: [{ name: 'host', value: 'https://two.test', secret: false }],
      revision: loaded.revision,
    })
    expect(refused.code).toBe(ERR_WORKSPACE_CONFLICT)
    expect(JSON.parse(readFileSync(path, 'utf8')).variables).toEqual([
      { name: 'host', value: 'https://one.test' },
      { name: 'tenant', value: 'from-git' },
    ])
  })

  it('a file another tool broke is reported by path, and the others stay in use', async () => {
    const app = person()
    await app.call('integrations.save', {
      integration: { name: 'Good', grant: 'client_credentials', tokenUrl: 'https://good.test/token' },
    })
    const root = app.services.workspaces.info().path
    writeFileSync(join(root, 'broken.json'), '{ "format": "tokendesk.integration/1", "id": "b", "grant": ')
    app.services.workspaces.refresh()
    expect((await app.call('integrations.list', {})).map((each) => each.name)).toEqual(['Good'])
    expect((await app.call('workspace.current', {})).problems).toEqual([
      { path: 'broken.json', message: expect.stringMatching(/^not valid JSON/) },
    ])
  })
})
