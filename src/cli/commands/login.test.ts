import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../main/sandbox/oidcProvider'
import { approveAuthorization } from '../../../tests/servers/oidcUserAgent'
import { runCliForTest } from '../test/runCliForTest'

const directory = mkdtempSync(join(tmpdir(), 'tokendesk-login-'))
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

/** The user's browser, scripted: signs in and consents on the provider's pages, then follows the redirect. */
const scriptedBrowser = (opened: string[]) => async (url: string) => {
  opened.push(url)
  const redirect = await approveAuthorization(url)
  await fetch(redirect)
}

describe('tokendesk login', () => {
  const nativeApp = (): Integration => ({
    name: 'OpenID sign-in from a terminal',
    grant: 'authorization_code',
    issuer: oidc.issuer,
    clientId: oidcClients.native.clientId,
    clientAuth: 'none',
    scope: ['openid', 'offline_access'],
  })

  it('signs in through the browser and a loopback listener, prints the token and a validated ID token', async () => {
    const opened: string[] = []
    const result = await runCliForTest(['login', '--integration', integrationFile(nativeApp())], {
      openBrowser: scriptedBrowser(opened),
    })
    expect(result.code, result.stderr).toBe(0)
    const authorize = new URL(opened[0]!)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(new URL(authorize.searchParams.get('redirect_uri')!).hostname).toBe('127.0.0.1')
    expect(result.stderr).toContain('Waiting for the sign-in to come back to this computer (127.0.0.1)')
    expect(result.stdout).toContain('ID token valid for tester@example.com')
    // The verifier never leaves the process: not in the URL the browser got, not in the output.
    expect(opened[0]).not.toContain('code_verifier')
    expect(result.stdout + result.stderr).not.toContain('code_verifier')
  })

  it('--no-browser prints the address for another device and still completes', async () => {
    let printed = ''
    const result = await runCliForTest(
      ['login', '--integration', integrationFile(nativeApp()), '--no-browser', '--json'],
      {
        openBrowser: async () => {
          throw new Error('no browser may be opened with --no-browser')
        },
        onStderr: (text) => {
          printed += text
          const url = /https?:\/\/\S+\/auth\?\S+/.exec(printed)?.[0]
          if (url && !printed.includes('(done)')) {
            printed += '(done)'
            void approveAuthorization(url).then((redirect) => fetch(redirect))
          }
        },
      },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('Open this address to sign in')
    const json = result.json() as { ok: boolean; idToken?: { verification: { valid: boolean } } }
    expect(json.ok).toBe(true)
    expect(json.idToken?.verification.valid).toBe(true)
  })

  it('refuses an integration of another grant, pointing at tokendesk token', async () => {
    const result = await runCliForTest([
      'login',
      '--integration',
      integrationFile({ grant: 'client_credentials', tokenUrl: oidc.tokenUrl, clientId: 'x' }),
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('login is for "authorization_code"')
  })
})
