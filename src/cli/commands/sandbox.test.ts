import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { approveAuthorization } from '../../../tests/servers/oidcUserAgent'
import { runCliForTest } from '../test/runCliForTest'

const root = resolve(import.meta.dirname, '../../..')
const folder = mkdtempSync(join(tmpdir(), 'tokendesk-sandbox-files-'))
let child: ChildProcess
let printed = ''
let exited: Promise<number | null>

/** `tokendesk sandbox --write DIR`, as a user starts it in a terminal, until it says it is ready. */
beforeAll(async () => {
  child = spawn(process.execPath, [resolve(root, 'bin/tokendesk-dev.mjs'), 'sandbox', '--write', folder], {
    env: { ...process.env, NO_COLOR: '1', TOKENDESK_KEYCHAIN: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  exited = new Promise((done) => child.once('exit', (code) => done(code)))
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8')
      if (printed.includes('Press Ctrl+C to stop.')) ready()
    })
    child.once('exit', (code) => fail(new Error(`tokendesk sandbox exited (${code}): ${printed}`)))
  })
}, 60_000)
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGINT')
})

const file = (preset: string) => join(folder, `${preset}.json`)
/** The `export NAME='value'` lines the sandbox printed, as the user's shell would have them. */
const demoEnvironment = () =>
  Object.fromEntries(
    [...printed.matchAll(/^ {2}export (TOKENDESK_SANDBOX_[A-Z0-9_]+)='([^']*)'$/gm)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  )
const integration = (preset: string) => JSON.parse(readFileSync(file(preset), 'utf8')) as Integration

describe('tokendesk sandbox', () => {
  it('prints every server on 127.0.0.1 and the demo credentials, labelled as demo data', () => {
    for (const name of [
      'Avionté BOLD',
      'Altitude Angel',
      'SkyKick',
      'Autovit',
      'AffinityLive',
      'OpenID provider',
    ])
      expect(printed).toMatch(new RegExp(`${name}\\s+http://127\\.0\\.0\\.1:\\d+`))
    expect(printed).toContain('Demo credentials (Sandbox only, made for this run — not real credentials)')
    expect(demoEnvironment()).toHaveProperty('TOKENDESK_SANDBOX_AVIONTE_BOLD_CLIENTSECRET')
  })

  it('writes no secret into the files: each one names the variable to read it from', () => {
    const avionte = integration('avionte-bold')
    expect(avionte.clientSecret).toEqual({ env: 'TOKENDESK_SANDBOX_AVIONTE_BOLD_CLIENTSECRET' })
    const written = readdirSync(folder)
      .map((name) => readFileSync(join(folder, name), 'utf8'))
      .join('\n')
    for (const value of Object.values(demoEnvironment())) expect(written).not.toContain(value)
  })

  it('writes a ready sandbox integration file per preset, readable by the user only', () => {
    const avionte = integration('avionte-bold')
    expect(avionte.sandbox).toBe(true)
    expect(avionte.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\/token$/)
    expect(statSync(file('avionte-bold')).mode & 0o077).toBe(0)
  })

  it('serves tokendesk token from the written files', async () => {
    for (const preset of ['avionte-bold', 'skykick-partner', 'autovit-partner', 'generic-oauth2']) {
      const result = await runCliForTest(['token', '--integration', file(preset), '--json'], {
        env: demoEnvironment(),
      })
      expect(result.code, `${preset}: ${result.stdout}${result.stderr}`).toBe(0)
      expect(result.json()).toMatchObject({ ok: true })
      // The badge, in a terminal: on stderr, so the JSON stays parseable.
      expect(result.stderr).toContain('[Sandbox]')
    }
  })

  it('serves tokendesk call: the token goes to the sandbox API', async () => {
    const altitude = integration('altitude-angel')
    const result = await runCliForTest(
      ['call', '--integration', file('altitude-angel'), altitude.api!.baseUrl as string],
      { env: demoEnvironment() },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('flightReports')
  })

  it('serves tokendesk login: a sign-in through the browser and back to 127.0.0.1', async () => {
    const result = await runCliForTest(['login', '--integration', file('openid-connect')], {
      env: demoEnvironment(),
      openBrowser: async (url) => {
        await fetch(await approveAuthorization(url))
      },
    })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('ID token valid for tester@example.com')
  })

  it('stops on Ctrl+C', async () => {
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  })
})
