import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const bin = resolve(root, 'bin/tokendesk.mjs')

function unsignedToken(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'none' })}.${part(payload)}.`
}

describe('the tokendesk command', () => {
  // The built bundle is what users run: build it from the current sources, as `npm install` does.
  beforeAll(() => {
    const build = spawnSync(process.execPath, [resolve(root, 'scripts/build-cli.mjs')], { encoding: 'utf8' })
    expect(build.stderr).toBe('')
    expect(build.status).toBe(0)
  })

  it('is declared as a bin and runs from a shell', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>
    }
    const run = spawnSync(process.execPath, [resolve(root, pkg.bin.tokendesk!), 'decode', '-', '--json'], {
      input: unsignedToken({ sub: 'cli' }),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 20_000,
    })
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ header: { alg: 'none' }, payload: { sub: 'cli' } })
  })

  it('decodes from the bundle alone: no TypeScript sources, no tsx, no node_modules', () => {
    const copy = mkdtempSync(join(tmpdir(), 'tokendesk-bundle-'))
    try {
      cpSync(resolve(root, 'bin'), join(copy, 'bin'), { recursive: true })
      cpSync(resolve(root, 'out/cli'), join(copy, 'out/cli'), { recursive: true })
      const run = spawnSync(process.execPath, [join(copy, 'bin/tokendesk.mjs'), 'decode', '-'], {
        input: unsignedToken({ sub: 'bundle', exp: 2_000_000_000 }),
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      expect(run.stdout).toContain('sub: "bundle"')
      expect(run.stdout).toContain('exp: 2033-05-18T03:33:20.000Z')
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })

  it('exits 2 with usage for an unknown command', () => {
    const run = spawnSync(process.execPath, [bin, 'frobnicate'], {
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('Unknown command "frobnicate"')
    expect(run.stderr).toContain('tokendesk token')
  })

  describe('in a checkout where the CLI was never built', () => {
    let checkout: string
    beforeAll(() => {
      checkout = mkdtempSync(join(tmpdir(), 'tokendesk-unbuilt-'))
      cpSync(resolve(root, 'bin'), join(checkout, 'bin'), { recursive: true })
    })
    afterAll(() => rmSync(checkout, { recursive: true, force: true }))

    it('says how to build it and exits 2', () => {
      const run = spawnSync(process.execPath, [join(checkout, 'bin/tokendesk.mjs'), 'decode', 'x.y.z'], {
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(run.status).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('not built yet')
      expect(run.stderr).toContain('npm run build:cli')
    })
  })
})
