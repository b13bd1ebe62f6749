import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodePlatform } from '../../tests/support/nodePlatform'
import { startOidcProvider, type OidcTestServer } from './sandbox/oidcProvider'
import { standardsClients } from './sandbox/openidStandards'
import { createServices } from './services'

let provider: OidcTestServer
beforeAll(async () => {
  provider = await startOidcProvider({ standards: true })
})
afterAll(() => provider.close())

function folderText(directory: string): string {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(directory, name)).isFile())
    .map((name) => readFileSync(join(directory, name), 'latin1'))
    .join('\n')
}

describe('the DPoP proof key TokenDesk makes', () => {
  it('is kept in the vault (encrypted), so a token asked for after a restart is bound to the same key', async () => {
    const first = nodePlatform()
    const services = createServices(first.platform)
    const { id } = services.repository.save({
      integration: {
        name: 'DPoP machine',
        grant: 'client_credentials',
        tokenUrl: provider.tokenUrl,
        clientId: standardsClients.dpop.clientId,
        clientSecret: standardsClients.dpop.clientSecret,
        scope: ['api:read'],
        dpop: { enabled: true },
      },
      tokenStorage: 'session',
    })
    const getToken = (running: ReturnType<typeof createServices>) => {
      const { integration, cacheKey } = running.useIntegration(id)
      return running.engine.getToken(integration, { cacheKey, fresh: true })
    }
    const before = await getToken(services)
    expect(before.ok && before.token.token_type).toBe('DPoP')
    const kept = services.repository.revealSecret(id, 'dpop.privateKey')
    expect(kept).toEqual(expect.stringContaining('"d":'))

    const restarted = createServices({ ...first.platform })
    const after = await getToken(restarted)
    expect(after.ok && after.source).toBe('network')
    expect(after.ok && after.dpopKeyThumbprint).toBe(before.ok && before.dpopKeyThumbprint)
    expect(restarted.repository.revealSecret(id, 'dpop.privateKey')).toBe(kept)
    expect(folderText(first.userData)).not.toContain(JSON.parse(kept!).d)
  })
})
