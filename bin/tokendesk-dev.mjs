#!/usr/bin/env node
// Development only: runs the CLI's TypeScript sources through tsx, no build needed (`npm run cli:dev -- …`).
import { register } from 'tsx/esm/api'
import { processIo } from './processIo.mjs'

register()
const { runCli } = await import('../src/cli/main.ts')
process.exitCode = await runCli(process.argv.slice(2), processIo())
