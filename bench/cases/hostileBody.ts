import { Worker } from 'node:worker_threads'
import type { Figure } from '../lib/figure'
import { median, ms, times } from '../lib/stats'

const SECTION = '7. Hostile input'
const BYTES = 16 * 2 ** 20
/** Longer than any linear diagnosis of 16 MiB takes here, short enough to keep the bench to minutes. */
const STOP_AFTER_MS = 20_000

/**
 * A 16 MiB hostile HTML body against a plain one of the same size, through the diagnosis in use today
 * (diagnose/diagnose.ts). Meant to be replaced by bench/hostileHtml.ts's measureHostileHtml() once it lands.
 */
export async function measureHostileBody(): Promise<Figure[]> {
  const plainRuns: number[] = []
  for (let round = 0; round < 3; round++) plainRuns.push((await diagnoseInWorker('plain')).ms)
  const plain = median(plainRuns)
  const hostile = await diagnoseInWorker('hostile')
  const what = '16 MiB hostile HTML error page vs a plain one, through the diagnosis'
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
        note: `the page-title scan (diagnose/responseBody.ts htmlTitle, a lazy [\\s\\S]*? regex for <title> and then <h1>) restarts at every unclosed tag and reads to the end each time: quadratic, so 16 MiB of "<title><h1>" does not finish; the bench stops it after ${STOP_AFTER_MS / 1000} s.`,
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
    },
  ]
}

/** Why a hostile page is slow: doubling its size should double the time if the scan is linear. */
async function doublingRatio(): Promise<Figure> {
  const small = 32 * 1024
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
    what: 'hostile HTML, 64 KiB vs 32 KiB: doubling the size (≈ 2× when the scan is linear, ≈ 4× when quadratic)',
    measured: ms(largeMs),
    baseline: ms(smallMs),
    result: times(ratio),
    goal: '≤ 2.5×',
    met: ratio <= 2.5,
  }
}

function diagnoseInWorker(
  kind: 'plain' | 'hostile',
  bytes = BYTES,
): Promise<{ ms: number; stopped: boolean }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../lib/typescriptWorker.mjs', import.meta.url), {
      workerData: { kind, bytes, typescriptModule: new URL('./hostileBodyWorker.ts', import.meta.url).href },
    })
    const timer = setTimeout(() => {
      void worker.terminate()
      resolve({ ms: STOP_AFTER_MS, stopped: true })
    }, STOP_AFTER_MS)
    worker.once('message', (message: { ms: number }) => {
      clearTimeout(timer)
      void worker.terminate()
      resolve({ ms: message.ms, stopped: false })
    })
    worker.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}
