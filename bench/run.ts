/**
 * TokenDesk benchmarks. Each result is a ratio against a baseline measured in the same run on the
 * same machine, so the numbers mean something anywhere; nothing here asserts a wall-clock time.
 *
 *   npm run bench
 */
import { performance } from 'node:perf_hooks'
import { startAvionteEmulator } from '../tests/servers/vendors'
import { createMasker } from '../src/main/http/mask'
import { createTokenEngine } from '../src/main/oauth/engine'
import type { Integration } from '../src/shared/integration'

interface Row {
  name: string
  baseline: string
  measured: string
  ratio: string
}

const rows: Row[] = []

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

async function tokenCache(): Promise<void> {
  const emulator = await startAvionteEmulator()
  const integration: Integration = {
    grant: 'client_credentials',
    tokenUrl: emulator.tokenUrl,
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    clientAuth: 'body',
    scope: [emulator.credentials.scope],
    tokenRequest: { headers: { 'x-api-key': emulator.credentials.apiKey } },
  }
  const engine = createTokenEngine({ env: {} })
  const calls = 200
  const uncached = await time(async () => {
    for (let index = 0; index < calls; index++) await engine.getToken(integration)
  })
  await engine.getToken(integration, { cacheKey: 'bench' })
  const cached = await time(async () => {
    for (let index = 0; index < calls; index++) await engine.getToken(integration, { cacheKey: 'bench' })
  })
  rows.push({
    name: `${calls} token lookups: cached vs asking the vendor each time`,
    baseline: `${uncached.toFixed(0)} ms`,
    measured: `${cached.toFixed(0)} ms`,
    ratio: `${(uncached / cached).toFixed(0)}× faster`,
  })

  const fresh = createTokenEngine({ env: {} })
  const before = emulator.requests.length
  const concurrent = 1000
  await Promise.all(
    Array.from({ length: concurrent }, () => fresh.getToken(integration, { cacheKey: 'burst' })),
  )
  const made = emulator.requests.length - before
  rows.push({
    name: `${concurrent} simultaneous callers (single flight)`,
    baseline: `${concurrent} requests without sharing`,
    measured: `${made} request(s)`,
    ratio: `${(concurrent / made).toFixed(0)}× fewer`,
  })
  await emulator.close()
}

async function masking(): Promise<void> {
  const secret = 's3cr+t/=&%é-benchmark'
  const body = JSON.stringify({
    items: Array.from({ length: 8000 }, (_, index) => ({
      id: index,
      note: `row ${index}`,
      access_token: index % 97 ? undefined : secret,
    })),
  })
  const masker = createMasker([secret, 'api-key-123456'])
  const response = {
    status: 200,
    statusText: 'OK',
    headers: [['Content-Type', 'application/json']] as Array<[string, string]>,
    body,
    truncated: false,
  }
  const repeat = 20
  const copy = await time(async () => {
    for (let index = 0; index < repeat; index++) JSON.stringify(JSON.parse(body))
  })
  const masked = await time(async () => {
    for (let index = 0; index < repeat; index++) masker.response(response)
  })
  rows.push({
    name: `masking a ${(body.length / 1024).toFixed(0)} KiB JSON response (vs parse + stringify)`,
    baseline: `${(copy / repeat).toFixed(1)} ms`,
    measured: `${(masked / repeat).toFixed(1)} ms`,
    ratio: `${(masked / copy).toFixed(1)}× the baseline`,
  })
}

async function memory(): Promise<void> {
  const { History } = await import('../src/main/store/history')
  const store = {
    path: 'memory',
    get: () => undefined,
    set: () => undefined,
    delete: () => undefined,
    update: (_key: string, change: (current: unknown) => unknown) => change(undefined),
  }
  const exchange = (index: number) => ({
    id: String(index),
    purpose: 'api' as const,
    startedAt: new Date().toISOString(),
    durationMs: 5,
    request: {
      method: 'GET',
      url: `https://api.test/items/${index}`,
      headers: [] as Array<[string, string]>,
      body: null,
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: [] as Array<[string, string]>,
      body: Buffer.alloc(10_000, 97 + (index % 26)).toString('latin1'),
      truncated: false,
    },
  })
  global.gc?.()
  const start = process.memoryUsage().heapUsed
  const history = new History(store, 500)
  for (let index = 0; index < 5000; index++) history.add(exchange(index), {})
  global.gc?.()
  const used = process.memoryUsage().heapUsed - start
  const floor = 500 * 10_000
  rows.push({
    name: 'history after 5,000 calls (limit 500, 10 KB bodies)',
    baseline: `${(floor / 1e6).toFixed(1)} MB of bodies kept`,
    measured: `${(used / 1e6).toFixed(1)} MB heap growth`,
    ratio: `${(used / floor).toFixed(2)}× the bodies' size${global.gc ? '' : ' (run with --expose-gc for a tighter figure)'}`,
  })
  history.flush()
}

await tokenCache()
await masking()
await memory()
console.table(rows)
process.exit(0)
