import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { startAutovitEmulator, startSkyKickEmulator } from '../../main/sandbox/vendors'
import { runCliForTest } from '../test/runCliForTest'

const directory = mkdtempSync(join(tmpdir(), 'tokendesk-cli-'))
function integrationFile(name: string, integration: Integration | string): string {
  const path = join(directory, `${name}.json`)
  writeFileSync(path, typeof integration === 'string' ? integration : JSON.stringify(integration))
  return path
}

/** Every form a secret may take in output: plain, URL-encoded, form-encoded, base64. */
function expectNoSecret(output: string, secret: string): void {
  for (const form of [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
  ]) {
    expect(output).not.toContain(form)
  }
}

describe('tokendesk token', () => {
  let autovit: Awaited<ReturnType<typeof startAutovitEmulator>>
  beforeAll(async () => {
    autovit = await startAutovitEmulator()
  })
  afterAll(() => autovit.close())

  const passwordIntegration = (): Integration => ({
    preset: 'autovit-password',
    grant: 'password',
    tokenUrl: autovit.tokenUrl,
    clientId: autovit.credentials.clientId,
    clientSecret: { env: 'AUTOVIT_SECRET' },
    clientAuth: 'basic',
    username: autovit.credentials.username,
    password: { env: 'AUTOVIT_PASSWORD' },
  })
  const env = () => ({
    AUTOVIT_SECRET: autovit.credentials.clientSecret,
    AUTOVIT_PASSWORD: autovit.credentials.password,
  })

  it('prints the token as JSON with expires_at, and exits 0', async () => {
    const result = await runCliForTest(
      ['token', '--integration', integrationFile('ok', passwordIntegration()), '--json'],
      { env: env() },
    )
    expect(result.code).toBe(0)
    const output = result.json() as {
      ok: boolean
      token: Record<string, unknown>
      jwt: unknown
      exchange: unknown
    }
    expect(output.ok).toBe(true)
    expect(output.token).toMatchObject({
      token_type: 'bearer',
      expires_in: 43200,
      scope: 'adverts-write read',
      refresh_token: '••••••',
    })
    expect(Date.parse(String(output.token.expires_at))).toBeGreaterThan(Date.now())
    expect(output.jwt).toBeNull() // Autovit tokens are opaque
    expectNoSecret(result.stdout + result.stderr, autovit.credentials.clientSecret)
    expectNoSecret(result.stdout + result.stderr, autovit.credentials.password)
  })

  it('exits 1 with the vendor’s words in the diagnosis when refused', async () => {
    const file = integrationFile('refused', { ...passwordIntegration(), password: 'wrong password' })
    const result = await runCliForTest(['token', '--integration', file, '--json'], { env: env() })
    expect(result.code).toBe(1)
    const { diagnosis, exchange } = result.json() as {
      diagnosis: Record<string, unknown>
      exchange: { request: { body: string } }
    }
    expect(diagnosis).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      vendor: { error_human_title: 'Niepoprawna wartość' },
    })
    expect(exchange.request.body).toContain('password=••••••')
    expectNoSecret(result.stdout, 'wrong password')
  })

  it('prints a readable refusal without --json, naming the fix', async () => {
    const file = integrationFile('refused-text', { ...passwordIntegration(), password: 'wrong password' })
    const result = await runCliForTest(['token', '--integration', file], { env: env() })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Niepoprawna wartość')
    expect(result.stdout).toContain('What to try:')
    expect(result.stdout).not.toContain('\u001b[') // no colour codes when not a terminal
  })

  it('exits 2 naming the field and the fix for an invalid integration file', async () => {
    const typo = integrationFile(
      'typo',
      JSON.stringify({ grant: 'password', tokenUrl: 'https://x.test/token', clientSecert: 'x' }),
    )
    const result = await runCliForTest(['token', '--integration', typo])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Unknown field "clientSecert". Did you mean "clientSecret"?')

    const broken = integrationFile('broken', '{"grant": ')
    expect((await runCliForTest(['token', '--integration', broken])).stderr).toContain('is not valid JSON')
    const missingEnv = await runCliForTest([
      'token',
      '--integration',
      integrationFile('env', passwordIntegration()),
    ])
    expect(missingEnv.code).toBe(2)
    expect(missingEnv.stderr).toContain('AUTOVIT_SECRET, which is not set')
  })

  it('exits 3 naming a refused connection', async () => {
    const file = integrationFile('down', { ...passwordIntegration(), tokenUrl: 'http://127.0.0.1:9/token' })
    const result = await runCliForTest(['token', '--integration', file, '--json'], { env: env() })
    expect(result.code).toBe(3)
    expect((result.json() as { diagnosis: { networkErrorKind: string } }).diagnosis.networkErrorKind).toBe(
      'refused',
    )
  })
})

describe('tokendesk curl and call', () => {
  let skykick: Awaited<ReturnType<typeof startSkyKickEmulator>>
  beforeAll(async () => {
    skykick = await startSkyKickEmulator()
  })
  afterAll(() => skykick.close())

  const skykickFile = () =>
    integrationFile('skykick', {
      preset: 'skykick-partner',
      grant: 'client_credentials',
      tokenUrl: skykick.tokenUrl,
      clientAuth: 'none',
      basicAuth: { username: skykick.credentials.userId, password: skykick.credentials.subscriptionKey },
      scope: ['Partner'],
      tokenRequest: { headers: { 'Ocp-Apim-Subscription-Key': '{{basicAuth.password}}' } },
      api: { baseUrl: skykick.url, headers: { 'Ocp-Apim-Subscription-Key': '{{basicAuth.password}}' } },
    })

  it('prints the token request as curl with secrets masked, and revealed on request', async () => {
    const masked = await runCliForTest(['curl', '--integration', skykickFile()])
    expect(masked.code).toBe(0)
    expect(masked.stdout).toContain("-H 'Authorization: Basic ••••••'")
    expect(masked.stdout).toContain("-H 'Ocp-Apim-Subscription-Key: ••••••'")
    expectNoSecret(masked.stdout, skykick.credentials.subscriptionKey)
    const revealed = await runCliForTest(['curl', '--integration', skykickFile(), '--reveal'])
    expect(revealed.stdout).toContain(`Ocp-Apim-Subscription-Key: ${skykick.credentials.subscriptionKey}`)
  })

  it('calls the API with the token and the subscription key, exits 0 on 2xx', async () => {
    const result = await runCliForTest(['call', '--integration', skykickFile(), '/Alerts'])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('HTTP 200')
    expect(skykick.requests.at(-1)!.headers['ocp-apim-subscription-key']).toBe(
      skykick.credentials.subscriptionKey,
    )
    expectNoSecret(result.stdout + result.stderr, skykick.credentials.subscriptionKey)
  })

  it('exits 1 when the API answers an error', async () => {
    const result = await runCliForTest(['call', '--integration', skykickFile(), '/NoSuchOperation'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/HTTP 4\d\d/)
  })
})

describe('tokendesk token with the device code grant', () => {
  it('prints where to approve and the user code, then the token once approved', async () => {
    const { startOidcProvider, oidcClients } = await import('../../main/sandbox/oidcProvider')
    const { approveDeviceCode } = await import('../../../tests/servers/oidcUserAgent')
    const oidc = await startOidcProvider()
    try {
      const file = integrationFile('device', {
        grant: 'device_code',
        issuer: oidc.issuer,
        clientId: oidcClients.native.clientId,
        clientAuth: 'none',
        scope: ['openid', 'offline_access'],
      })
      let approving: Promise<void> | undefined
      const result = await runCliForTest(['token', '--integration', file, '--json'], {
        onStderr: (text) => {
          const url = /open (\S+)/.exec(text)?.[1]
          if (url) approving = approveDeviceCode(url)
        },
      })
      await approving
      expect(result.stderr, result.stdout).toMatch(/and enter the code \S+/)
      expect(result.code).toBe(0)
      expect((result.json() as { ok: boolean }).ok).toBe(true)
    } finally {
      await oidc.close()
    }
  })
})
