#!/usr/bin/env node
// The tokendesk CLI runs the TypeScript sources directly through tsx: no build step to forget.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src/cli/main.ts')
const { text } = await import('node:stream/consumers')

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  env: process.env,
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
})
