import { performance } from 'node:perf_hooks'

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Milliseconds one run of `work` takes. */
export async function timeOnce(work: () => unknown): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

/**
 * Runs the measured work and its baseline in alternating rounds (so both see the same machine load)
 * and returns each side's median round, in milliseconds.
 */
export async function compareRounds(
  rounds: number,
  measured: () => unknown,
  baseline: () => unknown,
): Promise<{ measuredMs: number; baselineMs: number }> {
  const measuredRuns: number[] = []
  const baselineRuns: number[] = []
  for (let round = 0; round < rounds; round++) {
    baselineRuns.push(await timeOnce(baseline))
    measuredRuns.push(await timeOnce(measured))
  }
  return { measuredMs: median(measuredRuns), baselineMs: median(baselineRuns) }
}

/** Heap in use after a full collection (needs node --expose-gc for a stable figure). */
export function heapUsedAfterGc(): number {
  globalThis.gc?.()
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`
export const µs = (valueMs: number) => `${(valueMs * 1000).toFixed(1)} µs`
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
export const times = (ratio: number) => `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(0)}×`
