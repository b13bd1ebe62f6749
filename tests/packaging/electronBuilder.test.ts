import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = resolve(import.meta.dirname, '../..')
interface PlatformConfig {
  target: string[]
  icon: string
}
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as {
  files: string[]
  extraMetadata: { main: string }
  electronFuses: Record<string, boolean>
} & Record<'linux' | 'mac' | 'win', PlatformConfig>
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  main: string
  homepage: string
  author: { name: string; email: string }
  scripts: Record<string, string>
}

/** PNG header: signature, then IHDR's width and height. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path)
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

// electron-builder cannot run here (it downloads Electron), so its config is checked as data.
describe('electron-builder.yml', () => {
  it('packages the built app entry that package.json points at', () => {
    expect(pkg.main).toBe('out/main/index.js')
    expect(config.extraMetadata.main).toBe(pkg.main)
    expect(config.files).toContain('out/**')
  })

  it('builds an AppImage and a deb, a dmg and an NSIS installer, each from npm run dist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
    expect(pkg.scripts.dist).toMatch(/npm run build && electron-builder$/)
    expect(pkg.scripts['dist:linux']).toMatch(/electron-builder --linux$/)
    expect(pkg.scripts['dist:mac']).toMatch(/electron-builder --mac$/)
    expect(pkg.scripts['dist:win']).toMatch(/electron-builder --win$/)
  })

  it('has what the deb target requires: an author with an e-mail, and a homepage', () => {
    expect(pkg.author.name).toBeTruthy()
    expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/)
    expect(pkg.homepage).toMatch(/^https:\/\//)
  })

  it('has an icon of at least 512×512 for every platform', () => {
    for (const platform of ['linux', 'mac', 'win'] as const) {
      const size = pngSize(resolve(root, config[platform].icon))
      expect(Math.min(size.width, size.height), platform).toBeGreaterThanOrEqual(512)
    }
  })

  it('ships no sources, tests, e2e harness, benchmarks or source maps (the sandbox ships inside out/main)', () => {
    for (const excluded of ['!**/*.map', '!src/**', '!tests/**', '!e2e/**', '!bench/**'])
      expect(config.files).toContain(excluded)
    const included = (config.files as string[]).filter((pattern) => !pattern.startsWith('!'))
    expect(included.join(' ')).not.toMatch(/src|e2e|tests|bench/)
  })

  it('turns off the fuses that would let the binary run arbitrary Node', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })
})
