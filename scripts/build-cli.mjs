// Bundles the tokendesk CLI into out/cli/ so each run starts from plain JavaScript: no TypeScript
// transpiled per call. Run by `npm install` (prepare), `npm run build` and `npm run build:cli`.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
export const CLI_OUT_DIR = `${root}out/cli`

/**
 * Kept out of the bundle: native addons (a .node binary cannot be inlined, and each platform has its
 * own) and modules that may be absent at run time. Everything else, pure JavaScript, is bundled.
 */
export const NOT_BUNDLED = ['@napi-rs/keyring', '@napi-rs/keyring-*', 'electron']

export async function buildCli({ quiet = false } = {}) {
  rmSync(CLI_OUT_DIR, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: CLI_OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Each command's code is its own chunk, loaded by import() only when that command runs.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: NOT_BUNDLED,
    // Bundled CommonJS dependencies call require(); ESM output has none unless we make one.
    banner: {
      js: "import { createRequire as __tdRequire } from 'node:module'; const require = __tdRequire(import.meta.url);",
    },
    minifySyntax: true,
    legalComments: 'linked',
    logLevel: quiet ? 'error' : 'warning',
    metafile: true,
  })
  return result.metafile
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli()
  console.log(`tokendesk CLI bundled into ${CLI_OUT_DIR}/main.mjs`)
}
