import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallInput, CallName, CallOutput, ImportOutcome } from '../../shared/ipc/contract'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../sandbox/oidcProvider'
import { startAltitudeAngelEmulator, startAutovitEmulator, startAvionteEmulator } from '../sandbox/vendors'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { dispatchCall } from '../dispatch'
import { createHandlers } from '../handlers'
import { createServices } from '../services'

const fixtures = new URL('./fixtures/', import.meta.url)
const fixturePath = (name: string) => new URL(name, fixtures).pathname
const readFixture = (name: string) => ({ name, text: readFileSync(new URL(name, fixtures), 'utf8') })

/** The app's main process as the renderer reaches it: contract calls through the real dispatcher. */
function mainProcess() {
  const platform = nodePlatform()
  const services = createServices(platform.platform)
  const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services })
  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await dispatchCall(handlers, name, input)
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
    return result.value as CallOutput<K>
  }
  return { ...platform, services, call }
}

/**
 * As the user would: the imported environment (already in the workspace) gets their values for
 * this machine — the emulator's address, their own secrets — and is chosen; the integration itself
 * is used as imported, its `{{variables}}` filled in by the app.
 */
async function getTokenWith(
  app: ReturnType<typeof mainProcess>,
  id: string,
  environment: ImportOutcome['environments'][number],
  typed: Record<string, string>,
) {
  // A secret left out keeps the value in the vault; the others are sent as the import shows them.
  const variables = environment.variables.map(({ name, secret, value }) => {
    const kept = typed[name] ?? (secret ? undefined : value)
    return { name, secret, ...(kept !== undefined && { value: kept }) }
  })
  for (const [name, value] of Object.entries(typed))
    if (!variables.some((variable) => variable.name === name)) variables.push({ name, secret: false, value })
  await app.call('environments.save', { name: environment.name, previousName: environment.name, variables })
  await app.call('environments.select', { name: environment.name })
  return app.call('token.get', { id })
}

describe('imported collections get tokens from the vendors', () => {
  let altitude: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>
  let autovit: Awaited<ReturnType<typeof startAutovitEmulator>>
  let avionte: Awaited<ReturnType<typeof startAvionteEmulator>>
  let oidc: OidcTestServer
  beforeAll(async () => {
    ;[altitude, autovit, avionte, oidc] = await Promise.all([
      startAltitudeAngelEmulator(),
      startAutovitEmulator(),
      startAvionteEmulator(),
      startOidcProvider(),
    ])
  })
  afterAll(async () => {
    await Promise.all([altitude.close(), autovit.close(), avionte.close(), oidc.close()])
  })

  it('an Insomnia v5 YAML collection: one integration for two requests, each sub-environment an environment', async () => {
    const app = mainProcess()
    const outcome = await app.call('integrations.import', { file: readFixture('fleet.insomnia.yaml') })
    expect(outcome.format).toBe('insomnia')
    expect(outcome.imported.map((summary) => summary.name)).toEqual(['List flight reports'])
    expect(outcome.warnings).toContain(
      'Insomnia request "Fleet API / Flight reports / File a flight report": the same OAuth 2.0 settings as Insomnia request "Fleet API / Flight reports / List flight reports"; imported once, from there.',
    )
    expect(outcome.environments.map((environment) => environment.name)).toEqual([
      'Local emulator',
      'Private credentials',
    ])
    // A private environment's values are secrets: masked in the summary.
    expect(outcome.environments[1]!.variables).toContainEqual({
      name: 'client_secret',
      value: '••••••',
      secret: true,
    })
    const token = await getTokenWith(app, outcome.imported[0]!.id, outcome.environments[0]!, {
      auth_base: altitude.url,
      client_secret: altitude.credentials.clientSecret,
    })
    expect(token.ok).toBe(true)
  })

  it('an Insomnia v4 YAML export: nested environment data and a password grant', async () => {
    const app = mainProcess()
    const outcome = await app.call('integrations.import', { file: readFixture('payroll-v4.insomnia.yaml') })
    expect(outcome.format).toBe('insomnia')
    expect(outcome.imported.map((summary) => summary.name)).toEqual(['My adverts'])
    expect(outcome.environments).toEqual([
      {
        name: 'Local',
        variables: [
          { name: 'partner.client_id', value: '123', secret: false },
          { name: 'partner.client_secret', value: '', secret: true },
          { name: 'api_host', value: 'http://127.0.0.1:4020', secret: false },
          { name: 'login', value: '', secret: false },
          { name: 'password', value: '', secret: true },
        ],
      },
    ])
    const token = await getTokenWith(app, outcome.imported[0]!.id, outcome.environments[0]!, {
      api_host: autovit.url,
      'partner.client_id': autovit.credentials.clientId,
      'partner.client_secret': autovit.credentials.clientSecret,
      login: autovit.credentials.username,
      password: autovit.credentials.password,
    })
    expect(token.ok).toBe(true)
  })

  it('a Postman collection picked with its environment file: the environment carries the collection variables', async () => {
    const app = mainProcess()
    const outcome = await app.call('integrations.import', {
      files: [
        readFixture('avionte-front-office.postman_collection.json'),
        readFixture('avionte-local.postman_environment.json'),
      ],
    })
    expect(outcome.format).toBe('postman')
    expect(outcome.imported.map((summary) => summary.name)).toEqual(['Avionte Front Office'])
    expect(outcome.environments).toEqual([
      {
        name: 'Avionte local',
        variables: [
          { name: 'pageSize', value: '50', secret: false },
          { name: 'baseUrl', value: 'http://127.0.0.1:4040', secret: false },
          { name: 'clientId', value: 'tokendesk-avionte-partner', secret: false },
          { name: 'clientSecret', value: '', secret: true },
          { name: 'apiKey', value: '', secret: true },
        ],
      },
    ])
    expect(outcome.warnings).toEqual([
      'Postman request "Avionte Front Office / Legacy / Old report": its OAuth 2.0 block holds only a saved token — it was probably fetched by a script. Set up the grant that fetches it (token URL and client) in TokenDesk instead. It was not imported.',
    ])
    const token = await getTokenWith(app, outcome.imported[0]!.id, outcome.environments[0]!, {
      baseUrl: avionte.url,
      clientSecret: avionte.credentials.clientSecret,
      apiKey: avionte.credentials.apiKey,
    })
    expect(token.ok).toBe(true)
  })

  it('a Bruno collection folder: collection and folder clients, environments from environments/*.bru', async () => {
    const app = mainProcess()
    app.queueFolderToOpen(fixturePath('bruno-orders'))
    const outcome = await app.call('integrations.importFolder', {})
    expect(outcome.format).toBe('bruno')
    expect(outcome.imported.map((summary) => summary.name)).toEqual([
      'Orders API',
      'Back office',
      'List orders',
    ])
    expect(outcome.environments.map((environment) => environment.name)).toEqual(['Local', 'Staging'])
    expect(outcome.environments[0]!.variables).toEqual([
      { name: 'apiBase', value: 'https://api.orders.example', secret: false },
      { name: 'oidcIssuer', value: 'http://127.0.0.1:4030', secret: false },
      { name: 'machineClientId', value: 'machine-client', secret: false },
      { name: 'postClientId', value: 'machine-post-client', secret: false },
      { name: 'machineClientSecret', value: '', secret: true },
      { name: 'postClientSecret', value: '', secret: true },
    ])
    expect(outcome.warnings).toEqual([
      'Bruno request "Orders API / Orders / Refund order": its OAuth 2.0 block has no token URL, authorization URL or client ID. It was not imported.',
    ])
    const typed = {
      oidcIssuer: oidc.issuer,
      machineClientSecret: oidcClients.machine.clientSecret,
      postClientSecret: oidcClients.machinePost.clientSecret,
    }
    for (const summary of outcome.imported.slice(0, 2)) {
      const token = await getTokenWith(app, summary.id, outcome.environments[0]!, typed)
      expect(token.ok, summary.name).toBe(true)
    }
  })
})

describe('picking a Bruno collection', () => {
  it("picking a collection's bruno.json in the file dialog imports the whole folder", async () => {
    const app = mainProcess()
    app.queueFileToOpen(fixturePath('bruno-orders/bruno.json'))
    const outcome = await app.call('integrations.import', {})
    expect(outcome.imported.map((summary) => summary.name)).toEqual([
      'Orders API',
      'Back office',
      'List orders',
    ])
    expect(outcome.environments.map((environment) => environment.name)).toEqual(['Local', 'Staging'])
  })

  it('a bruno.json dropped on the window (no folder access) says to import the folder', async () => {
    const app = mainProcess()
    await expect(
      app.call('integrations.import', { file: readFixture('bruno-orders/bruno.json') }),
    ).rejects.toThrow(
      'It is the bruno.json of a Bruno collection: choose "Import folder…" and pick the folder that holds it',
    )
  })

  it('closing the folder picker imports nothing', async () => {
    const app = mainProcess()
    expect(await app.call('integrations.importFolder', {})).toEqual({
      cancelled: true,
      imported: [],
      environments: [],
      warnings: [],
    })
  })
})
