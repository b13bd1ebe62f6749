import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { startAltitudeAngelEmulator, type AltitudeAngelEmulator } from '../../main/sandbox/vendors'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../../..')
const cli = resolve(root, 'bin/tokendesk.mjs')
const hasKeyring = ['/usr/bin/dbus-run-session', '/usr/bin/gnome-keyring-daemon'].every(existsSync)

/** The environment of a terminal with no D-Bus session (CI, containers, SSH): no keychain to reach. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DBUS_SESSION_BUS_ADDRESS: _bus, TOKENDESK_KEYCHAIN: _switch, ...rest } = process.env
  return { ...rest, NO_COLOR: '1', ...extra }
}

interface TokenRun {
  code: number
  stderr: string
  json: {
    ok: boolean
    source?: string
    token?: { access_token: string; refresh_token?: string }
    error?: { code: string; message: string }
  }
}

/** `tokendesk token …` as its own process, the way a script runs it. */
async function tokendesk(args: string[], env: NodeJS.ProcessEnv): Promise<TokenRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'token', ...args, '--json'], {
      env,
      timeout: 60_000,
    })
    return { code: 0, stderr, json: JSON.parse(stdout) }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stderr: failed.stderr, json: JSON.parse(failed.stdout || '{}') }
  }
}

describe('tokendesk token keeps tokens between runs, against a vendor that rotates refresh tokens', () => {
  let altitude: AltitudeAngelEmulator
  const directory = mkdtempSync(join(tmpdir(), 'tokendesk-kept-'))
  beforeAll(async () => {
    // Every renewal spends the old refresh token and revokes the access token issued with it.
    altitude = await startAltitudeAngelEmulator({ rotationRevokesAccessToken: true })
  })
  afterAll(() => altitude.close())

  /** An integration file holding a refresh token from a sign-in (the file is never rewritten). */
  function integrationFile(name: string): { path: string; signedIn: string } {
    const signedIn = altitude.issueRefreshToken()
    const integration: Integration = {
      name,
      grant: 'refresh_token',
      tokenUrl: altitude.tokenUrl,
      clientId: altitude.credentials.clientId,
      clientSecret: { env: 'ALTITUDE_SECRET' },
      clientAuth: 'body',
      refreshToken: signedIn,
    }
    const path = join(directory, `${name}.json`)
    writeFileSync(path, JSON.stringify(integration))
    return { path, signedIn }
  }

  const refreshTokensSent = () =>
    altitude.requests
      .filter((each) => each.form?.grant_type === 'refresh_token')
      .map((each) => each.form!.refresh_token)

  async function apiStatus(accessToken: string): Promise<number> {
    const response = await fetch(altitude.apiUrl, { headers: { authorization: `Bearer ${accessToken}` } })
    return response.status
  }

  it.skipIf(!hasKeyring)(
    'with the OS keychain: the next run reuses the valid access token, and a renewal uses the newest refresh token',
    async () => {
      const { path, signedIn } = integrationFile('keychain')
      const out = (n: number) => join(directory, `keychain-${n}`)
      const command = (n: number, flags = '') =>
        `"${process.execPath}" "${cli}" token --integration "${path}" ${flags} --json >"${out(n)}.json" 2>"${out(n)}.err"; echo $? >"${out(n)}.rc"`
      // One D-Bus session and one unlocked keyring for all runs, as on a desktop; a fresh home so the
      // developer's own keyring is never touched.
      const script = [
        'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
        command(1),
        command(2),
        command(3, '--fresh'),
        command(4, '--fresh'),
      ].join('; ')
      const home = mkdtempSync(join(tmpdir(), 'tokendesk-home-'))
      const before = refreshTokensSent().length
      await run('dbus-run-session', ['--', 'sh', '-c', script], {
        env: environment({
          ALTITUDE_SECRET: altitude.credentials.clientSecret,
          HOME: home,
          XDG_DATA_HOME: home,
        }),
        timeout: 120_000,
      })
      const runs = [1, 2, 3, 4].map((n) => ({
        code: Number(readFileSync(`${out(n)}.rc`, 'utf8')),
        stderr: readFileSync(`${out(n)}.err`, 'utf8'),
        json: JSON.parse(readFileSync(`${out(n)}.json`, 'utf8')) as TokenRun['json'],
      }))
      expect(runs.map((each) => each.code)).toEqual([0, 0, 0, 0])
      expect(runs.map((each) => each.json.source)).toEqual(['network', 'cache', 'refresh', 'refresh'])
      expect(runs[1]!.json.token!.access_token).toBe(runs[0]!.json.token!.access_token)
      expect(runs.map((each) => each.stderr).join('')).not.toMatch(/keychain/i)

      // Each renewal sent the refresh token the previous one received, never the spent one from the file.
      const sent = refreshTokensSent().slice(before)
      expect(sent).toHaveLength(3)
      expect(sent[0]).toBe(signedIn)
      expect(new Set(sent).size).toBe(3)
      // The vendor revoked the access token of each spent refresh token; the newest works.
      expect(await apiStatus(runs[0]!.json.token!.access_token)).toBe(401)
      expect(await apiStatus(runs[3]!.json.token!.access_token)).toBe(200)
      // Refresh tokens are shown masked, never in clear.
      for (const each of runs) expect(each.json.token!.refresh_token).toBe('••••••')
    },
    150_000,
  )

  it('without D-Bus, says in one sentence there is no keychain and that the new refresh token is kept nowhere', async () => {
    const { path } = integrationFile('no-keychain')
    const result = await tokendesk(
      ['--integration', path],
      environment({ ALTITUDE_SECRET: altitude.credentials.clientSecret }),
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(
      'No OS keychain is available here (there is no D-Bus session for the Secret Service), so tokens are not kept between runs: pass --token-store FILE to keep them in a file only you can read.',
    )
    expect(result.stderr).toContain(
      'The vendor replaced the refresh token and this run kept the new one nowhere',
    )
  })

  it('with --token-store FILE, two runs both succeed: the file (mode 600, encrypted) holds the newest refresh token', async () => {
    const { path, signedIn } = integrationFile('file-store')
    const store = join(directory, 'tokens.json')
    const env = environment({
      ALTITUDE_SECRET: altitude.credentials.clientSecret,
      TOKENDESK_TOKEN_STORE_PASSPHRASE: 'correct horse battery staple',
    })
    const first = await tokendesk(['--integration', path, '--token-store', store], env)
    const second = await tokendesk(['--integration', path, '--token-store', store, '--fresh'], env)
    expect([first.code, second.code]).toEqual([0, 0])
    expect([first.json.source, second.json.source]).toEqual(['network', 'refresh'])
    expect(first.stderr + second.stderr).not.toMatch(/keychain/i)
    expect(statSync(store).mode & 0o777).toBe(0o600)
    const text = readFileSync(store, 'utf8')
    expect(text).toContain('"integration": "file-store"')
    for (const token of [signedIn, first.json.token!.access_token, second.json.token!.access_token])
      expect(text).not.toContain(token)
    expect(await apiStatus(first.json.token!.access_token)).toBe(401)
    expect(await apiStatus(second.json.token!.access_token)).toBe(200)

    // `call` uses the kept access token too: no token request, and the API accepts it.
    const tokenRequests = altitude.requests.filter((each) => each.path.endsWith('/token')).length
    const call = await run(
      process.execPath,
      [cli, 'call', '--integration', path, '--token-store', store, altitude.apiUrl],
      { env, timeout: 60_000 },
    )
    expect(call.stdout).toContain('"flightReports":[]')
    expect(altitude.requests.filter((each) => each.path.endsWith('/token')).length).toBe(tokenRequests)

    // The wrong passphrase is named as the thing to fix; nothing is sent to the vendor.
    const wrong = await tokendesk(['--integration', path, '--token-store', store], {
      ...env,
      TOKENDESK_TOKEN_STORE_PASSPHRASE: 'not the passphrase',
    })
    expect(wrong.code).toBe(2)
    expect(wrong.json).toMatchObject({
      ok: false,
      error: {
        code: 'ERR_TOKEN_STORE',
        message: expect.stringContaining('TOKENDESK_TOKEN_STORE_PASSPHRASE does not open the tokens in'),
      },
    })
  }, 120_000)
})
