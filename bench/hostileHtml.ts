/**
 * Diagnosing a 16 MiB hostile HTML page (repeated unclosed <title> and <h1> tags, the shape that
 * made a backtracking title regex quadratic) against a plain 16 MiB text body of the same size.
 * A ratio near 1 means the page's title lookup costs no more than reading plain text.
 */
import { performance } from 'node:perf_hooks'
import type { DiagnosisContext } from '../src/main/diagnose/context'
import { diagnoseExchange } from '../src/main/diagnose/diagnose'
import type { Exchange } from '../src/shared/exchange'

const BODY_BYTES = 16 * 1024 * 1024
const RUNS = 15

const context: DiagnosisContext = {
  purpose: 'api',
  grant: 'client_credentials',
  clientAuth: 'basic',
  basicAuthOverride: false,
  secretSpecialChars: [],
  secretLooksPasted: false,
  requestedScopes: [],
  scopeSeparator: ' ',
  sentHeaderNames: ['authorization'],
}

function exchangeWith(body: string, contentType: string): Exchange {
  return {
    id: 'bench',
    purpose: 'api',
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    request: { method: 'GET', url: 'https://api.vendor.test/orders', headers: [], body: null },
    response: {
      status: 502,
      statusText: 'Bad Gateway',
      headers: [['Content-Type', contentType]],
      body,
      truncated: false,
    },
  }
}

function fill(unit: string): string {
  return unit.repeat(Math.ceil(BODY_BYTES / unit.length)).slice(0, BODY_BYTES)
}

/** The median of RUNS diagnoses, so one garbage collection does not decide the ratio. */
function medianMs(exchange: Exchange): number {
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    diagnoseExchange(exchange, context)
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!
}

export async function measureHostileHtml(): Promise<{ hostileMs: number; plainMs: number; ratio: number }> {
  const hostile = exchangeWith(`<html>${fill('<title><h1><')}`, 'text/html')
  const plain = exchangeWith(
    fill('upstream connect error or disconnect/reset before headers. '),
    'text/plain',
  )
  medianMs(plain) // warm up the code paths once before measuring
  const plainMs = medianMs(plain)
  const hostileMs = medianMs(hostile)
  return { hostileMs, plainMs, ratio: hostileMs / plainMs }
}
