import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Figure } from '../lib/figure'
import { median, ms, times } from '../lib/stats'
import { startTokenServer } from '../lib/tokenServer'

const SECTION = '5. CLI'
const ROOT = resolve(import.meta.dirname, '../..')
const BIN = resolve(ROOT, 'bin/tokendesk.mjs')
const RUNS = 15

/** Wall time of whole `tokendesk` processes against `node -e ''`, started the same way. */
export async function measureCli(): Promise<Figure[]> {
  // Measure the bundle of the sources as they are now, as `npm install` would build it.
  const build = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build-cli.mjs')], { encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stderr}`)

  const server = await startTokenServer()
  const folder = mkdtempSync(join(tmpdir(), 'tokendesk-bench-cli-'))
  const integrationFile = join(folder, 'integration.json')
  writeFileSync(
    integrationFile,
    JSON.stringify({
      grant: 'client_credentials',
      tokenUrl: server.tokenUrl,
      clientId: 'bench-client',
      clientSecret: 'bench-secret',
      clientAuth: 'basic',
    }),
  )
  const token = unsignedToken()
  const commands = {
    node: ['-e', ''],
    decode: [BIN, 'decode', token],
    // Round 0 fetches the token and keeps it in the file store; every measured run reuses it (cached).
    token: [
      BIN,
      'token',
      '--integration',
      integrationFile,
      '--token-store',
      join(folder, 'tokens.json'),
      '--json',
    ],
  }
  const runs: Record<keyof typeof commands, number[]> = { node: [], decode: [], token: [] }
  for (let round = 0; round < RUNS + 1; round++) {
    for (const name of Object.keys(commands) as Array<keyof typeof commands>) {
      const elapsed = await timeProcess(commands[name])
      if (round > 0) runs[name].push(elapsed) // round 0 warms the file cache
    }
  }
  const requests = server.counts.token
  await server.close()
  rmSync(folder, { recursive: true, force: true })

  const node = median(runs.node)
  const figure = (name: 'decode' | 'token', what: string, goal: number, note?: string): Figure => {
    const ratio = median(runs[name]) / node
    return {
      section: SECTION,
      what,
      measured: ms(median(runs[name])),
      baseline: `${ms(node)} (node -e '')`,
      result: times(ratio),
      goal: `≤ ${goal}×`,
      met: ratio <= goal,
      note,
    }
  }
  return [
    figure('decode', "`tokendesk decode TOKEN` vs `node -e ''`", 2),
    figure(
      'token',
      "`tokendesk token --json` (cached in --token-store) vs `node -e ''`",
      3,
      `The token server was asked ${requests} time(s) over ${RUNS + 1} runs: the measured runs reuse the kept token.`,
    ),
  ]
}

/** Asynchronous, so the token server in this process can answer while the CLI waits. */
function timeProcess(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, args, {
      env: { ...process.env, NO_COLOR: '1', TOKENDESK_KEYCHAIN: 'off' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const elapsed = performance.now() - start
      if (code === 0) resolve(elapsed)
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))
    })
  })
}

function unsignedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'bench', iss: 'https://issuer.bench', exp: 2_000_000_000 })}.`
}
