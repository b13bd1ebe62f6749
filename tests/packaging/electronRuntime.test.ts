import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findElectronBinary } from '../../scripts/electron-runtime.mjs'

const root = resolve(import.meta.dirname, '../..')
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string
  }
).version

/** Runs `npm start` and collects what it printed, with the given environment on top of ours. */
function npmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, ...env } })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => done({ code, output }))
  })
}

// Where the binary is installed `npm start` would open the app instead: nothing to show there.
describe.skipIf(findElectronBinary() !== null)('npm start on a machine without the Electron runtime', () => {
  it('asks Electron’s installer for the runtime, from ELECTRON_MIRROR, and says in one sentence what failed', async () => {
    const requested: string[] = []
    const mirror = createServer((request, response) => {
      requested.push(request.url ?? '')
      response.writeHead(404).end('not here')
    })
    await new Promise<void>((listening) => mirror.listen(0, '127.0.0.1', listening))
    const mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`
    try {
      const { code, output } = await npmStart({
        ELECTRON_MIRROR: mirrorUrl,
        electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')),
        CI: '1',
      })
      const platform = { darwin: 'darwin', win32: 'win32' }[process.platform as string] ?? process.platform
      expect(requested).toEqual([
        `/v${electronVersion}/electron-v${electronVersion}-${platform}-${process.arch}.zip`,
      ])
      expect(code).not.toBe(0)
      expect(output).toContain(`Installing the Electron ${electronVersion} runtime from ${mirrorUrl}`)
      expect(output).toContain(
        `TokenDesk needs the Electron ${electronVersion} runtime, and downloading it from ${mirrorUrl} failed`,
      )
      expect(output).toContain('404')
      expect(output).toContain('npx install-electron')
      // Neither electron-vite's "Electron uninstall" nor the installer's stack trace reaches the user.
      expect(output).not.toContain('Electron uninstall')
      expect(output).not.toMatch(/^\s+at /m)
    } finally {
      mirror.close()
    }
  })
})
