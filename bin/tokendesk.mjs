#!/usr/bin/env node
// Runs the bundled CLI (out/cli/main.mjs, plain JavaScript) so a call starts about as fast as node
// itself. `npm install` and `npm run build` write the bundle; `npm run cli:dev -- …` runs the sources.
import { existsSync } from 'node:fs'

const bundle = new URL('../out/cli/main.mjs', import.meta.url)
if (!existsSync(bundle)) {
  process.stderr.write(
    'error: the tokendesk CLI is not built yet. Build it once in the project folder with:\n\n  npm run build:cli\n',
  )
  process.exit(2)
}
const [{ runCli }, { processIo }] = await Promise.all([import(bundle.href), import('./processIo.mjs')])
process.exitCode = await runCli(process.argv.slice(2), processIo())
