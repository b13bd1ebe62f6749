/**
 * Times one diagnosis of a large HTML error page, in a worker so the bench can stop it when the
 * diagnosis is too slow to wait for (a quadratic scan of 16 MiB would run for hours).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'
import { diagnoseExchange } from '../../src/main/diagnose/diagnose'
import { resolveIntegration } from '../../src/main/integration/resolve'
import { diagnosisContext } from '../../src/main/oauth/diagnosisContext'
import type { Exchange } from '../../src/shared/exchange'
import { htmlBody } from './hostileBodies'

const { kind, bytes } = workerData as { kind: 'plain' | 'hostile'; bytes: number }
const body = htmlBody(kind, bytes)
const resolved = resolveIntegration(
  {
    grant: 'client_credentials',
    tokenUrl: 'https://vendor.test/oauth/token',
    clientId: 'bench',
    clientSecret: 'bench-secret',
    clientAuth: 'basic',
  },
  {},
)
const request = {
  method: 'POST',
  url: resolved.tokenUrl!,
  headers: [] as Array<[string, string]>,
  body: 'grant_type=client_credentials',
}
const response = {
  status: 502,
  statusText: 'Bad Gateway',
  headers: [['Content-Type', 'text/html; charset=utf-8']] as Array<[string, string]>,
  body,
  truncated: false,
}
const exchange: Exchange = {
  id: 'bench',
  purpose: 'token',
  startedAt: new Date().toISOString(),
  durationMs: 1,
  request,
  response,
}
const start = performance.now()
const diagnosis = diagnoseExchange(
  exchange,
  diagnosisContext(resolved, undefined, 'token', request, response, Date.now()),
)
parentPort!.postMessage({ ms: performance.now() - start, summary: diagnosis.summary })
