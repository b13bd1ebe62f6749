import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = resolve(import.meta.dirname, '../..')
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const builder = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as { files: string[] }

/** What electron-vite bundles into out/main: the app's main process and everything it imports. */
async function mainProcessGraph() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/main/index.ts'],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    // As electron-vite does for main: runtime dependencies stay in node_modules (electron-builder ships
    // them), everything else — devDependencies included — is bundled into out/main.
    external: ['electron', ...Object.keys(pkg.dependencies)],
    metafile: true,
    logLevel: 'silent',
  })
  const inputs = Object.keys(result.metafile.inputs)
  const packages = new Set(
    Object.values(result.metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((imported) => imported.external)
      .map((imported) => imported.path)
      .filter((path) => !path.startsWith('node:') && !builtinModules.includes(path))
      .map((path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!)),
  )
  return { inputs, packages }
}

describe('the packaged app', () => {
  it('ships the practice sandbox: its emulators and OpenID provider are part of main', async () => {
    const { inputs } = await mainProcessGraph()
    for (const part of [
      'src/main/sandbox/sandboxService.ts',
      'src/main/sandbox/oidcProvider.ts',
      'src/main/sandbox/vendors/avionte.ts',
      'src/main/sandbox/vendors/altitudeAngel.ts',
      'src/main/sandbox/vendors/skykick.ts',
      'src/main/sandbox/vendors/autovit.ts',
      'src/main/sandbox/vendors/affinityLive.ts',
    ])
      expect(inputs, part).toContain(part)
  })

  it('ships no test code: nothing under tests/ or e2e/, no *.test.ts', async () => {
    const { inputs } = await mainProcessGraph()
    expect(inputs.filter((input) => /^(tests|e2e)\/|\.test\.ts$/.test(input))).toEqual([])
    expect(builder.files).toEqual(expect.arrayContaining(['!tests/**', '!e2e/**', '!src/**']))
  })

  it('loads oidc-provider from node_modules, which ships because it is a runtime dependency', async () => {
    const { packages } = await mainProcessGraph()
    expect(packages).toContain('oidc-provider')
    expect(pkg.dependencies).toHaveProperty('oidc-provider')
    expect(pkg.devDependencies).not.toHaveProperty('oidc-provider')
  })
})
