import { Worker } from 'node:worker_threads'
import type { Figure } from '../lib/figure'
import { median, ms, times } from '../lib/stats'

const SECTION = '7. Hostile input'
const BYTES = 16 * 2 ** 20
/** Longer than any linear diagnosis of 16 MiB takes here, short enough to keep the bench to minutes. */
const STOP_AFTER_MS = 20_000

/**
 * A 16 MiB hostile HTML body against a plain HTML page of the same size, through what TokenDesk does
 * with a body it has read: record it masked (http/mask.ts) and diagnose it (diagnose/diagnose.ts).
 * Each run is a worker the bench stops after STOP_AFTER_MS, so a quadratic scan cannot hang it.
 */
export async function measureHostileBody(): Promise<Figure[]> {
  const plainRuns: Timing[] = []
  for (let round = 0; round < 3; round++) plainRuns.push(await diagnoseInWorker('plain'))
  const plain = median(plainRuns.map((run) => run.ms))
  const hostileRuns: Timing[] = [await diagnoseInWorker('hostile')]
  if (!hostileRuns[0]!.stopped)
    for (let round = 0; round < 2; round++) hostileRuns.push(await diagnoseInWorker('hostile'))
  const hostile = { ms: median(hostileRuns.map((run) => run.ms)), stopped: hostileRuns[0]!.stopped }
  const split = (runs: Timing[]) =>
    `masking ${ms(median(runs.map((run) => run.maskMs ?? 0)))}, diagnosis ${ms(median(runs.map((run) => run.diagnoseMs ?? 0)))}`
  const what = '16 MiB hostile HTML error page vs a plain one, recorded (masked) and diagnosed'
  const growth = await doublingRatio()
  if (hostile.stopped) {
    return [
      growth,
      {
        section: SECTION,
        what,
        measured: `> ${ms(STOP_AFTER_MS)} (stopped)`,
        baseline: ms(plain),
        result: `> ${times(STOP_AFTER_MS / plain)}`,
        goal: '≤ 2×',
        met: false,
        note: `masking and diagnosing 16 MiB of "<title><h1>" did not finish; the bench stops it after ${STOP_AFTER_MS / 1000} s (plain page: ${split(plainRuns)}).`,
      },
    ]
  }
  const ratio = hostile.ms / plain
  return [
    growth,
    {
      section: SECTION,
      what,
      measured: ms(hostile.ms),
      baseline: ms(plain),
      result: times(ratio),
      goal: '≤ 2×',
      met: ratio <= 2,
      note: `hostile: ${split(hostileRuns)}; plain: ${split(plainRuns)}.`,
    },
  ]
}

/** Why a hostile page is slow: doubling its size should double the time if the scan is linear. */
async function doublingRatio(): Promise<Figure> {
  // Large enough that a run takes milliseconds, not timer noise; small enough that a quadratic scan still ends.
  const small = 2 * 2 ** 20
  const timeAt = async (bytes: number) => {
    const runs: number[] = []
    for (let round = 0; round < 3; round++) runs.push((await diagnoseInWorker('hostile', bytes)).ms)
    return median(runs)
  }
  const smallMs = await timeAt(small)
  const largeMs = await timeAt(small * 2)
  const ratio = largeMs / smallMs
  return {
    section: SECTION,
    what: 'hostile HTML, 4 MiB vs 2 MiB: doubling the size (≈ 2× when the scan is linear, ≈ 4× when quadratic)',
    measured: ms(largeMs),
    baseline: ms(smallMs),
    result: times(ratio),
    goal: '≤ 2.5×',
    met: ratio <= 2.5,
    note:
      ratio <= 2.5
        ? undefined
        : 'the doubled page costs more than twice as much: some step of masking or the diagnosis is worse than linear in the body.',
  }
}

interface Timing {
  ms: number
  maskMs?: number
  diagnoseMs?: number
  stopped: boolean
}

function diagnoseInWorker(kind: 'plain' | 'hostile', bytes = BYTES): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../lib/typescriptWorker.mjs', import.meta.url), {
      workerData: { kind, bytes, typescriptModule: new URL('./hostileBodyWorker.ts', import.meta.url).href },
    })
    const timer = setTimeout(() => {
      void worker.terminate()
      resolve({ ms: STOP_AFTER_MS, stopped: true })
    }, STOP_AFTER_MS)
    worker.once('message', (message: { ms: number; maskMs: number; diagnoseMs: number }) => {
      clearTimeout(timer)
      void worker.terminate()
      resolve({ ...message, stopped: false })
    })
    worker.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}
