import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../main/sandbox/oidcProvider'
import { runCliForTest } from '../test/runCliForTest'

const directory = mkdtempSync(join(tmpdir(), 'tokendesk-revoke-'))
let oidc: OidcTestServer
beforeAll(async () => {
  oidc = await startOidcProvider()
})
afterAll(() => oidc.close())

function integrationFile(integration: Integration): string {
  const path = join(directory, `${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, JSON.stringify(integration))
  return path
}

const machine = (): Integration => ({
  grant: 'client_credentials',
  issuer: oidc.issuer,
  clientId: oidcClients.machine.clientId,
  clientSecret: oidcClients.machine.clientSecret,
  clientAuth: 'basic',
})

/** The provider's own verdict on a token (RFC 7662). */
async function active(token: string): Promise<boolean> {
  const basic = Buffer.from(
    `${oidcClients.machine.clientId}:${encodeURIComponent(oidcClients.machine.clientSecret)}`,
  )
  const answer = await fetch(`${oidc.issuer}/token/introspection`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic.toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token }).toString(),
  })
  return ((await answer.json()) as { active: boolean }).active
}

describe('tokendesk revoke', () => {
  it('revokes the kept access token, says so, and the next run gets a new one', async () => {
    const file = integrationFile(machine())
    const store = join(directory, 'tokens.json')
    const first = await runCliForTest(['token', '--integration', file, '--token-store', store, '--json'])
    expect(first.code).toBe(0)
    const token = (first.json().token as { access_token: string }).access_token
    expect(await active(token)).toBe(true)

    const revoked = await runCliForTest([
      'revoke',
      '--integration',
      file,
      '--which',
      'access',
      '--token-store',
      store,
    ])
    expect(revoked.code).toBe(0)
    expect(revoked.stdout).toContain('Revoked the access token')
    expect(revoked.stdout).not.toContain(token)
    expect(await active(token)).toBe(false)

    const next = await runCliForTest(['token', '--integration', file, '--token-store', store, '--json'])
    expect((next.json().token as { access_token: string }).access_token).not.toBe(token)
    expect(next.json().source).toBe('network')
  })

  it('says when there is nothing to revoke, and refuses an unknown --which', async () => {
    const file = integrationFile(machine())
    const nothing = await runCliForTest(['revoke', '--integration', file, '--json'])
    expect(nothing.code).toBe(0)
    expect(nothing.json()).toMatchObject({ ok: true, revoked: [], notHeld: ['refresh', 'access'] })
    const wrong = await runCliForTest(['revoke', '--integration', file, '--which', 'id'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('--which is "id"; use access, refresh or both.')
  })
})
