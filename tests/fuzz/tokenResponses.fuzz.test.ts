import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Diagnosis } from '../../src/shared/diagnosis'
import type { Exchange } from '../../src/shared/exchange'
import type { Integration } from '../../src/shared/integration'
import type { DiagnosisContext } from '../../src/main/diagnose/context'
import { diagnoseExchange } from '../../src/main/diagnose/diagnose'
import { createTokenEngine } from '../../src/main/oauth/engine'
import { startTestServer, type TestServer } from '../../src/main/sandbox/lib/testServer'
import { assertClonable, hostileText, secretValue, vendorNumber } from './hostile'

// Each property runs many cases; under a loaded CI machine that takes longer than one plain test.
vi.setConfig({ testTimeout: 90_000 })

interface Answer {
  status: number
  contentType: string
  body: string
}

/** A token endpoint on 127.0.0.1 that answers whatever the property put in `next`. */
let server: TestServer
let next: Answer = { status: 200, contentType: 'application/json', body: '{}' }
beforeAll(async () => {
  server = await startTestServer((_req, res) => {
    res.writeHead(next.status, { 'Content-Type': next.contentType, 'Cache-Control': 'no-store' })
    res.end(next.body)
  })
})
afterAll(() => server.close())

const tokenBody = fc.oneof(
  fc
    .record(
      {
        access_token: fc.oneof(fc.string(), fc.integer(), hostileText),
        token_type: fc.oneof(fc.constantFrom('Bearer', 'bearer', 'mac'), fc.integer()),
        expires_in: vendorNumber,
        scope: fc.oneof(fc.string(), hostileText),
        refresh_token: fc.string(),
        error: fc.oneof(
          fc.constantFrom('invalid_client', 'constructor', '__proto__', 'toString'),
          fc.string(),
        ),
        error_description: hostileText,
        message: hostileText,
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  hostileText,
  fc.jsonValue().map((value) => JSON.stringify(value)),
)

const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom(200, 201, 400, 401, 403, 429, 500, 502),
  contentType: fc.constantFrom('application/json', 'text/html', 'text/plain', ''),
  body: tokenBody,
})

const clientAuth = fc.constantFrom('basic', 'body', 'query') satisfies fc.Arbitrary<Integration['clientAuth']>

describe('random token responses through the engine', () => {
  it('never throws, explains every failure, records clonable data and never a secret', async () => {
    await fc.assert(
      fc.asyncProperty(answer, secretValue, clientAuth, async (reply, clientSecret, auth) => {
        next = reply
        const records: Array<{ exchange: Exchange; diagnosis?: Diagnosis }> = []
        const engine = createTokenEngine({ env: {}, onExchange: (record) => records.push(record) })
        const outcome = await engine.getToken({
          grant: 'client_credentials',
          tokenUrl: `${server.url}/token`,
          clientId: 'fuzz-client',
          clientSecret,
          clientAuth: auth,
        })
        if (!outcome.ok) expect(outcome.diagnosis.summary.trim()).not.toBe('')
        assertClonable(outcome)
        assertClonable(records)
        expect(records).toHaveLength(1)
        expect(JSON.stringify(records)).not.toContain(clientSecret)
        expect(JSON.stringify(outcome)).not.toContain(clientSecret)
      }),
      { numRuns: 60 },
    )
  })
})

const context: DiagnosisContext = {
  purpose: 'token',
  grant: 'client_credentials',
  clientAuth: 'basic',
  basicAuthOverride: false,
  secretSpecialChars: [],
  secretLooksPasted: false,
  requestedScopes: ['read'],
  scopeSeparator: ' ',
  sentHeaderNames: ['authorization'],
}

describe('hostile bodies through the diagnosis', () => {
  it('gives every answer a one-line summary and a clonable diagnosis', () => {
    fc.assert(
      fc.property(
        answer,
        fc.array(
          fc.tuple(fc.constantFrom('www-authenticate', 'retry-after', 'date', 'location'), hostileText),
          {
            maxLength: 3,
          },
        ),
        (reply, headers) => {
          const exchange: Exchange = {
            id: 'fuzz',
            purpose: 'token',
            startedAt: new Date(0).toISOString(),
            durationMs: 5,
            request: {
              method: 'POST',
              url: 'https://auth.vendor.test/token',
              headers: [],
              body: 'grant_type=x',
            },
            response: {
              status: reply.status < 400 ? 400 : reply.status,
              statusText: '',
              headers: [['content-type', reply.contentType], ...headers],
              body: reply.body,
              truncated: false,
            },
          }
          const diagnosis = diagnoseExchange(exchange, context)
          expect(diagnosis.summary.trim()).not.toBe('')
          expect(diagnosis.summary).not.toContain('undefined')
          assertClonable(diagnosis)
        },
      ),
      { numRuns: 150 },
    )
  })
})
