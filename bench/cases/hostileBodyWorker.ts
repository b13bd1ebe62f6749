/**
 * Times what TokenDesk does with a large HTML error page once it is read: record it masked (as
 * http/exchange.ts does) and diagnose it. In a worker so the bench can stop it when the
 * diagnosis is too slow to wait for (a quadratic scan of 16 MiB would run for hours).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'
import { diagnoseExchange } from '../../src/main/diagnose/diagnose'
import { resolveIntegration } from '../../src/main/integration/resolve'
import { createMasker } from '../../src/main/http/mask'
import { diagnosisContext } from '../../src/main/oauth/exchange/diagnosisContext'
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
  headers: [['Authorization', `Basic ${Buffer.from('bench:bench-secret').toString('base64')}`]] as Array<
    [string, string]
  >,
  body: 'grant_type=client_credentials',
}
const response = {
  status: 502,
  statusText: 'Bad Gateway',
  headers: [['Content-Type', 'text/html; charset=utf-8']] as Array<[string, string]>,
  body,
  truncated: false,
}
const start = performance.now()
const masker = createMasker(resolved.secrets, resolved.secretNames)
const recorded: Exchange = {
  id: 'bench',
  purpose: 'token',
  startedAt: new Date().toISOString(),
  durationMs: 1,
  request: masker.request(request),
  response: masker.response(response),
}
const masked = performance.now()
const diagnosis = diagnoseExchange(
  recorded,
  diagnosisContext(resolved, undefined, 'token', request, response, Date.now()),
)
const end = performance.now()
parentPort!.postMessage({
  ms: end - start,
  maskMs: masked - start,
  diagnoseMs: end - masked,
  summary: diagnosis.summary,
})
