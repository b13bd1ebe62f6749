import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Integration } from '../shared/integration'
import { startTestServer, type TestServer } from '../main/sandbox/lib/testServer'
import { runCli } from './main'
import { runCliForTest } from './test/runCliForTest'

const CLEAR_SCREEN = '\u001b[2J\u001b[H'
const OSC8_LINK = '\u001b]8;;https://evil.example/\u0007click here\u001b]8;;\u0007'
const RIGHT_TO_LEFT = '\u202e'
const HOSTILE = `Denied${CLEAR_SCREEN} ${OSC8_LINK} gnp.exe${RIGHT_TO_LEFT}txt.\u009b31m\rOK`
/** Raw characters a terminal would act on; tab and line feed (and CR before LF) are plain text. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/

let server: TestServer
const directory = mkdtempSync(join(tmpdir(), 'tokendesk-cli-hostile-'))
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.url === '/token') {
      res.writeHead(400, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' })
      res.end(JSON.stringify({ error: 'invalid_client', error_description: HOSTILE, message: HOSTILE }))
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(JSON.stringify({ access_token: 'tok', token_type: 'Bearer', scope: HOSTILE, expires_in: 60 }))
    }
  })
})
afterAll(() => server.close())

function integrationFile(name: string, path: string): string {
  const integration: Integration = {
    grant: 'client_credentials',
    tokenUrl: `${server.url}${path}`,
    clientId: 'client',
    clientSecret: 'secret',
    clientAuth: 'body',
  }
  const file = join(directory, `${name}.json`)
  writeFileSync(file, JSON.stringify(integration))
  return file
}

describe('vendor text on the terminal', () => {
  it('shows escape sequences, C1 controls and bidi overrides from a refusal escaped, with NO_COLOR', async () => {
    const result = await runCliForTest(['token', '--integration', integrationFile('refused', '/token')], {
      env: { NO_COLOR: '1' },
    })
    expect(result.code).toBe(1)
    const output = result.stdout + result.stderr
    expect(output).not.toMatch(RAW_CONTROL)
    expect(output).toContain('Denied\\x1b[2J\\x1b[H \\x1b]8;;https://evil.example/\\x07click here')
    expect(output).toContain('gnp.exe\\u202etxt.\\x9b31m\\x0dOK')
  })

  it('keeps its own colours on a colour terminal and still escapes the vendor’s', async () => {
    let stdout = ''
    let stderr = ''
    const code = await runCli(['token', '--integration', integrationFile('granted', '/granted')], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readStdin: async () => '',
      env: {},
      color: true,
    })
    expect(code).toBe(0)
    const colours = (stdout + stderr).match(/\u001b\[\d+m/g) ?? []
    expect(colours.length).toBeGreaterThan(0)
    expect((stdout + stderr).replace(/\u001b\[(1|2|22|31|32|33|39)m/g, '')).not.toMatch(RAW_CONTROL)
    expect(stdout).toContain('scope:      Denied\\x1b[2J')
  })

  it('keeps --json output parseable to the vendor’s exact text', async () => {
    const result = await runCliForTest([
      'token',
      '--integration',
      integrationFile('json', '/token'),
      '--json',
    ])
    expect(result.stdout).not.toMatch(RAW_CONTROL)
    const { diagnosis } = result.json() as { diagnosis: { errorDescription: string } }
    expect(diagnosis.errorDescription).toBe(HOSTILE)
  })
})

describe('exit codes for damaged input', () => {
  it('exits 2 naming the Token URL when it cannot be parsed', async () => {
    const file = join(directory, 'bad-url.json')
    writeFileSync(
      file,
      JSON.stringify({ grant: 'client_credentials', tokenUrl: 'http://127.0.0.1:99999/', clientId: 'c' }),
    )
    const result = await runCliForTest(['token', '--integration', file])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Token URL "http://127.0.0.1:99999/" is not a valid URL')
  })

  it('exits 2 with the reason for a JWT whose signature has a 4n+1 length', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const result = await runCliForTest(['decode', `${part({ alg: 'HS256' })}.${part({ sub: 'a' })}.abcde`])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('The signature (part 3) has one character too many or too few')
  })
})
