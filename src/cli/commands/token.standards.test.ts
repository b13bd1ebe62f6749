import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { startOidcProvider, type OidcTestServer } from '../../main/sandbox/oidcProvider'
import { standardsClients } from '../../main/sandbox/openidStandards'
import { runCliForTest } from '../test/runCliForTest'

const directory = mkdtempSync(join(tmpdir(), 'tokendesk-cli-standards-'))
function integrationFile(name: string, integration: Integration): string {
  const path = join(directory, `${name}.json`)
  writeFileSync(path, JSON.stringify(integration))
  return path
}

let provider: OidcTestServer
beforeAll(async () => {
  provider = await startOidcProvider({ standards: true })
})
afterAll(() => provider.close())

describe('tokendesk token for DPoP and JWT bearer integrations', () => {
  it('prints a DPoP-bound token for an integration with DPoP on', async () => {
    const file = integrationFile('dpop', {
      grant: 'client_credentials',
      tokenUrl: provider.tokenUrl,
      clientId: standardsClients.dpopNonce.clientId,
      clientSecret: { env: 'DPOP_SECRET' },
      scope: ['api:read'],
      dpop: { enabled: true },
    })
    const result = await runCliForTest(['token', '--integration', file, '--json', '--reveal'], {
      env: { DPOP_SECRET: standardsClients.dpopNonce.clientSecret },
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.json()).toMatchObject({
      token: { token_type: 'DPoP' },
      dpopKeyThumbprint: expect.any(String),
    })
  })

  it('prints a token got with a JWT bearer assertion it signed', async () => {
    const file = integrationFile('jwt-bearer', {
      grant: 'jwt_bearer',
      tokenUrl: provider.tokenUrl,
      clientId: standardsClients.jwtBearer.clientId,
      clientAuth: 'none',
      jwtBearer: { privateKey: { env: 'ASSERTION_KEY' }, subject: 'user-42' },
    })
    const result = await runCliForTest(['token', '--integration', file, '--json', '--reveal'], {
      env: { ASSERTION_KEY: provider.standardsKeys!.jwtBearer.privateKeyPem },
    })
    expect(result.code).toBe(0)
    expect(result.json()).toMatchObject({ ok: true, token: { access_token: expect.any(String) } })
  })
})
