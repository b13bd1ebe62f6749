import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallInput, CallName, CallOutput } from '../../shared/ipc/contract'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../sandbox/oidcProvider'
import { startAltitudeAngelEmulator, startAutovitEmulator } from '../sandbox/vendors'
import { dispatchCall } from '../dispatch'
import { createServices } from '../services'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { createHandlers } from '.'

/** The app's main process as the renderer reaches it: contract calls through the real dispatcher. */
function mainProcess(options: { directory?: string } = {}) {
  const platform = nodePlatform(options)
  const services = createServices(platform.platform)
  const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services })
  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await dispatchCall(handlers, name, input)
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
    return result.value as CallOutput<K>
  }
  return { ...platform, services, call }
}

/** Every file under the folder, read whole. */
function everyFile(directory: string): Array<{ path: string; text: string }> {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'latin1') }))
}

function encodings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
  ]
}

describe('secrets at rest', () => {
  let altitude: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>
  beforeAll(async () => {
    altitude = await startAltitudeAngelEmulator()
  })
  afterAll(() => altitude.close())

  it('after saving a secret and fetching tokens, no file in the user-data folder holds the secret or a token', async () => {
    const app = mainProcess()
    const saved = await app.call('integrations.save', {
      integration: {
        preset: 'altitude-angel',
        name: 'Altitude Angel',
        grant: 'client_credentials',
        tokenUrl: altitude.tokenUrl,
        clientId: altitude.credentials.clientId,
        clientSecret: altitude.credentials.clientSecret,
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
      tokenStorage: 'disk',
    })
    const outcome = await app.call('token.get', { id: saved.id })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.refresh_token).toBe('••••••') // the renderer never receives it
    const refreshToken = app.services.vault.getTokens(saved.id)?.refresh_token
    expect(refreshToken).toBeTruthy()
    app.services.history.flush()

    const files = everyFile(app.userData)
    expect(files.map((file) => file.path).join('\n')).toContain('vault.json')
    for (const secret of [altitude.credentials.clientSecret, outcome.token.access_token, refreshToken!]) {
      for (const form of encodings(secret)) {
        const leaks = files.filter((file) => file.text.includes(form)).map((file) => file.path)
        expect(leaks, `a form of a secret found on disk`).toEqual([])
      }
    }
  })

  it('keeps tokens across a restart only when asked, and then only encrypted', async () => {
    const first = mainProcess()
    const saved = await first.call('integrations.save', {
      integration: {
        grant: 'client_credentials',
        tokenUrl: altitude.tokenUrl,
        clientId: altitude.credentials.clientId,
        clientSecret: altitude.credentials.clientSecret,
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
      tokenStorage: 'disk',
    })
    await first.call('token.get', { id: saved.id })
    const before = altitude.requests.length
    // A restart: same folder, same key (the OS keychain keeps it).
    const restarted = createServices({ ...first.platform })
    const outcome = await restarted.engine.getToken(restarted.repository.getWithSecrets(saved.id), {
      cacheKey: saved.id,
    })
    expect(outcome.ok && outcome.source).toBe('cache')
    expect(altitude.requests.length).toBe(before)
  })
})

describe('import from other tools', () => {
  let oidc: OidcTestServer
  let autovit: Awaited<ReturnType<typeof startAutovitEmulator>>
  beforeAll(async () => {
    oidc = await startOidcProvider()
    autovit = await startAutovitEmulator()
  })
  afterAll(async () => {
    await oidc.close()
    await autovit.close()
  })

  async function importAndGetToken(file: { name: string; text: string }) {
    const app = mainProcess()
    const imported = await app.call('integrations.import', { file })
    expect(imported.imported).toHaveLength(1)
    return app.call('token.get', { id: imported.imported[0]!.id })
  }

  it('a Postman v2.1 collection with collection-level OAuth 2.0 becomes a working integration', async () => {
    const collection = {
      info: {
        name: 'Machine API',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      // Collection variables stay {{name}} for the workspace's environments (see importers/importedIntegrations.test.ts).
      auth: {
        type: 'oauth2',
        oauth2: [
          { key: 'grant_type', value: 'client_credentials', type: 'string' },
          { key: 'accessTokenUrl', value: oidc.tokenUrl, type: 'string' },
          { key: 'clientId', value: oidcClients.machine.clientId, type: 'string' },
          { key: 'clientSecret', value: oidcClients.machine.clientSecret, type: 'string' },
          { key: 'scope', value: 'api:read', type: 'string' },
          { key: 'client_authentication', value: 'header', type: 'string' },
        ],
      },
      item: [{ name: 'Ping', request: { method: 'GET', url: 'https://api.example/ping' } }],
    }
    const outcome = await importAndGetToken({
      name: 'machine.postman_collection.json',
      text: JSON.stringify(collection),
    })
    expect(outcome.ok).toBe(true)
  })

  it('an Insomnia v4 export with a password grant becomes a working integration', async () => {
    const exported = {
      _type: 'export',
      __export_format: 4,
      __export_source: 'insomnia.desktop.app:v2023.5.8',
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'Autovit' },
        {
          _id: 'req_1',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'My adverts',
          method: 'GET',
          url: 'https://www.autovit.ro/api/open/account/adverts',
          authentication: {
            type: 'oauth2',
            grantType: 'password',
            accessTokenUrl: autovit.tokenUrl,
            clientId: autovit.credentials.clientId,
            clientSecret: autovit.credentials.clientSecret,
            username: autovit.credentials.username,
            password: autovit.credentials.password,
            credentialsInBody: false,
          },
        },
      ],
    }
    const outcome = await importAndGetToken({ name: 'autovit.insomnia.json', text: JSON.stringify(exported) })
    expect(outcome.ok).toBe(true)
  })

  it('a Bruno request with OAuth 2.0 becomes a working integration', async () => {
    const bru = [
      'meta {',
      '  name: Orders',
      '  type: http',
      '  seq: 1',
      '}',
      '',
      'get {',
      '  url: https://api.example/orders',
      '  body: none',
      '  auth: oauth2',
      '}',
      '',
      'auth:oauth2 {',
      '  grant_type: client_credentials',
      `  access_token_url: ${oidc.tokenUrl}`,
      `  client_id: ${oidcClients.machinePost.clientId}`,
      `  client_secret: ${oidcClients.machinePost.clientSecret}`,
      '  scope: api:read',
      '  credentials_placement: body',
      '}',
      '',
    ].join('\n')
    const outcome = await importAndGetToken({ name: 'orders.bru', text: bru })
    expect(outcome.ok).toBe(true)
  })

  it('an export without secrets round-trips with placeholders; a passphrase export round-trips whole', async () => {
    const app = mainProcess()
    const saved = await app.call('integrations.save', {
      integration: {
        name: 'Autovit',
        grant: 'password',
        tokenUrl: autovit.tokenUrl,
        clientId: '123',
        clientSecret: 'client-secret-1',
        username: 'u',
        password: 'user-password-1',
      },
    })
    const plain = await app.call('integrations.export', { ids: [saved.id], includeSecrets: false })
    const plainText = readFileSync(plain.path!, 'utf8')
    expect(plainText).not.toContain('client-secret-1')
    const elsewhere = mainProcess()
    const reimported = await elsewhere.call('integrations.import', {
      file: { name: 'autovit.tokendesk.json', text: plainText },
    })
    expect(reimported.warnings.join(' ')).toMatch(/fill in "clientSecret", "password"/)
    const editable = await elsewhere.call('integrations.get', { id: reimported.imported[0]!.id })
    expect(editable.secretsSet).toEqual([])

    const sealed = await app.call('integrations.export', {
      ids: [saved.id],
      includeSecrets: true,
      passphrase: 'a long passphrase',
    })
    const sealedText = readFileSync(sealed.path!, 'utf8')
    expect(sealedText).not.toContain('client-secret-1')
    const wrong = await dispatchCall(
      createHandlers({ appVersion: 't', platform: 'linux', services: elsewhere.services }),
      'integrations.import',
      { file: { name: 'x.json', text: sealedText }, passphrase: 'not the passphrase' },
    )
    expect(wrong).toMatchObject({ ok: false, error: { code: 'ERR_PASSPHRASE_WRONG', field: 'passphrase' } })
    const right = await elsewhere.call('integrations.import', {
      file: { name: 'x.json', text: sealedText },
      passphrase: 'a long passphrase',
    })
    expect(elsewhere.services.repository.getWithSecrets(right.imported[0]!.id)).toMatchObject({
      clientSecret: 'client-secret-1',
      password: 'user-password-1',
    })
  })
})

describe('cancelling an API call', () => {
  let altitude: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>
  let slowApi: Server
  let apiUrl: string
  const apiSockets: Array<{ closedBeforeAnswer: Promise<boolean> }> = []
  beforeAll(async () => {
    altitude = await startAltitudeAngelEmulator()
    // An API that never answers: only the caller can end the request.
    slowApi = createServer((request) => {
      apiSockets.push({
        closedBeforeAnswer: new Promise((resolve) => request.socket.once('close', () => resolve(true))),
      })
    })
    await new Promise<void>((resolve) => slowApi.listen(0, '127.0.0.1', resolve))
    apiUrl = `http://127.0.0.1:${(slowApi.address() as AddressInfo).port}/reports`
  })
  afterAll(async () => {
    slowApi.closeAllConnections()
    await new Promise((resolve) => slowApi.close(resolve))
    await altitude.close()
  })

  it('aborts the request in main and answers that it was cancelled', async () => {
    const app = mainProcess()
    const saved = await app.call('integrations.save', {
      integration: {
        grant: 'client_credentials',
        tokenUrl: altitude.tokenUrl,
        clientId: altitude.credentials.clientId,
        clientSecret: altitude.credentials.clientSecret,
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
    })
    const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services: app.services })
    const call = dispatchCall(handlers, 'api.call', { id: saved.id, request: { method: 'GET', url: apiUrl } })
    await expect.poll(() => apiSockets.length).toBe(1)
    await dispatchCall(handlers, 'api.cancel', { id: saved.id })
    expect(await call).toMatchObject({ ok: false, error: { code: 'ERR_CANCELLED' } })
    expect(await apiSockets[0]!.closedBeforeAnswer).toBe(true)
  })
})
