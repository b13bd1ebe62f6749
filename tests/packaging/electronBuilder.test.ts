import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = resolve(import.meta.dirname, '../..')
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<string, unknown>

// electron-builder cannot run here (it downloads Electron), so its config is checked as data.
describe('electron-builder.yml', () => {
  it('packages the built app entry that package.json points at', () => {
    expect(pkg.main).toBe('out/main/index.js')
    expect((config.extraMetadata as Record<string, unknown>).main).toBe(pkg.main)
    expect(config.files).toContain('out/**')
  })

  it('ships no test code', () => {
    const files = (config.files as string[]).join(' ')
    expect(files).not.toMatch(/e2e|tests|bench/)
  })

  it('turns off the fuses that would let the binary run arbitrary Node', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    })
  })
})
