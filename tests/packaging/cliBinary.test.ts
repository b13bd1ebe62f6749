import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

describe('the tokendesk command', () => {
  it('is declared as a bin and runs from a shell', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>
    }
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')
    const payload = Buffer.from(JSON.stringify({ sub: 'cli' })).toString('base64url')
    const run = spawnSync(process.execPath, [resolve(root, pkg.bin.tokendesk!), 'decode', '-', '--json'], {
      input: `${header}.${payload}.`,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 20_000,
    })
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ header: { alg: 'none' }, payload: { sub: 'cli' } })
  })

  it('exits 2 with usage for an unknown command', () => {
    const run = spawnSync(process.execPath, [resolve(root, 'bin/tokendesk.mjs'), 'frobnicate'], {
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('Unknown command "frobnicate"')
    expect(run.stderr).toContain('tokendesk token')
  })
})
