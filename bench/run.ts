/**
 * TokenDesk benchmarks: `npm run bench` writes bench/results.md and bench/results.json. Each figure
 * is a ratio against a baseline measured in the same run, or a count; nothing in `npm test` times anything.
 */
import { performance } from 'node:perf_hooks'
import type { Figure } from './lib/figure'
import { describeMachine } from './lib/machine'
import { resultsTable, writeResults } from './lib/report'

const cases: Array<[string, () => Promise<Figure[]>]> = [
  ['token request', async () => (await import('./cases/tokenRequest')).measureTokenRequest()],
  ['token cache', async () => (await import('./cases/tokenCache')).measureTokenCache()],
  ['jwt', async () => (await import('./cases/jwt')).measureJwt()],
  ['renderer', async () => (await import('./cases/renderer')).measureRenderer()],
  ['cli', async () => (await import('./cases/cli')).measureCli()],
  ['scale', async () => (await import('./cases/scale')).measureScale()],
  ['hostile body', async () => (await import('./cases/hostileBody')).measureHostileBody()],
]

const only = process.argv.slice(2)
const machine = describeMachine()
const started = performance.now()
const figures: Figure[] = []
for (const [name, measure] of cases) {
  if (only.length && !only.some((word) => name.includes(word))) continue
  const start = performance.now()
  process.stderr.write(`bench: ${name}…`)
  figures.push(...(await measure()))
  process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`)
}
const seconds = (performance.now() - started) / 1000
console.log(resultsTable(figures))
if (only.length === 0) {
  await writeResults(import.meta.dirname, figures, machine, { date: new Date().toISOString(), seconds })
  console.log('\nwritten: bench/results.md, bench/results.json')
}
process.exit(0)
