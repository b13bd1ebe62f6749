import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAltitudeAngelEmulator, type AltitudeAngelEmulator } from '../main/sandbox/vendors'
import { nodePlatform } from '../../tests/support/nodePlatform'
import { createServices } from '../main/services'
import { runCliForTest } from './test/runCliForTest'

describe('tokendesk with --workspace and --env', () => {
  let staging: AltitudeAngelEmulator
  let production: AltitudeAngelEmulator
  let root: string
  beforeAll(async () => {
    staging = await startAltitudeAngelEmulator({
      clientId: 'staging-client',
      clientSecret: 'staging-secret-5e6f',
    })
    production = await startAltitudeAngelEmulator({
      clientId: 'prod-client',
      clientSecret: 'prod-secret-9a8b',
    })
    // A workspace as the app writes it: the integration file references variables, the secret is nowhere in it.
    const app = createServices({ ...nodePlatform().platform, watchWorkspace: false })
    root = app.workspaces.info().path
    app.repository.save({
      integration: {
        name: 'Maps',
        grant: 'client_credentials',
        tokenUrl: '{{token_url}}',
        clientId: '{{client_id}}',
        clientSecret: '{{client_secret}}',
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
      folder: ['Geo'],
    })
    // A teammate's integration whose secret was typed in the app: the file only says it is needed.
    app.repository.save({
      integration: {
        name: 'Maps (typed secret)',
        grant: 'client_credentials',
        tokenUrl: staging.tokenUrl,
        clientId: staging.credentials.clientId,
        clientSecret: staging.credentials.clientSecret,
        clientAuth: 'body',
        scope: ['query_mapdata'],
      },
    })
    for (const [name, vendor] of [
      ['staging', staging],
      ['prod', production],
    ] as const)
      app.environments.save({
        name,
        variables: [
          { name: 'token_url', value: vendor.tokenUrl, secret: false },
          { name: 'client_id', value: vendor.credentials.clientId, secret: false },
          { name: 'client_secret', secret: true },
        ],
      })
  })
  afterAll(async () => {
    await staging.close()
    await production.close()
  })

  it('gets a token per environment, keeps them apart, and names the integration by its name', async () => {
    const tokenStore = join(mkdtempSync(join(tmpdir(), 'tokendesk-cli-ws-')), 'tokens.json')
    const run = (environment: string, secret: string) =>
      runCliForTest(
        [
          'token',
          '--workspace',
          root,
          '--integration',
          'Maps',
          '--env',
          environment,
          '--json',
          '--token-store',
          tokenStore,
        ],
        { env: { TOKENDESK_VAR_CLIENT_SECRET: secret } },
      )
    const first = await run('staging', 'staging-secret-5e6f')
    expect(first.code, first.stderr).toBe(0)
    expect(staging.requests.some((each) => each.form?.client_secret === 'staging-secret-5e6f')).toBe(true)
    const second = await run('prod', 'prod-secret-9a8b')
    expect(second.code, second.stderr).toBe(0)
    expect(production.requests.some((each) => each.form?.client_id === 'prod-client')).toBe(true)
    const stagingToken = (first.json().token as { access_token: string }).access_token
    expect((second.json().token as { access_token: string }).access_token).not.toBe(stagingToken)
    // Staging's token was kept under its own key: the next staging run reuses it.
    const third = await run('staging', 'staging-secret-5e6f')
    expect(third.json()).toMatchObject({ source: 'cache', token: { access_token: stagingToken } })
  })

  it('takes the workspace file itself, finding its workspace, and says which secret is missing and how to set it', async () => {
    const result = await runCliForTest([
      'token',
      '--integration',
      join(root, 'Geo', 'maps.json'),
      '--env',
      'staging',
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      '"Client secret" uses {{client_secret}}, a secret of the environment "staging" that you have not set yet. Set TOKENDESK_VAR_CLIENT_SECRET.',
    )
  })

  it('asks for a secret the workspace file says is needed, by its label and the variable to set', async () => {
    const args = ['token', '--workspace', root, '--integration', 'Maps (typed secret)', '--json']
    const refused = await runCliForTest(args)
    expect(refused.code).toBe(2)
    expect(refused.json()).toMatchObject({
      ok: false,
      error: {
        code: 'ERR_SECRET_NEEDED',
        message:
          'Maps (typed secret) needs your Client secret: the workspace files hold no secrets. Set TOKENDESK_SECRET_CLIENTSECRET.',
      },
    })
    const ok = await runCliForTest(args, {
      env: { TOKENDESK_SECRET_CLIENTSECRET: staging.credentials.clientSecret },
    })
    expect(ok.code, ok.stderr).toBe(0)
  })

  it('names the environments there are when --env names none of them', async () => {
    const result = await runCliForTest(['curl', '--workspace', root, '--integration', 'Maps', '--env', 'qa'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`has no environment "qa". Its environments: prod, staging.`)
  })
})
