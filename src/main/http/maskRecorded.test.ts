import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toCurl } from '../../shared/curl'
import type { Integration } from '../../shared/integration'
import { leakedSecrets } from '../../../tests/support/secretEncodings'
import { readBody, startTestServer, type TestServer } from '../sandbox/lib/testServer'
import { createTokenEngine } from '../oauth/engine'
import { confStoreFactory } from '../store/confStore'
import { History } from '../store/history'
import { formEncode } from './formEncoding'

const clientId = 'td-client'
const clientSecret = 'cl!ent+secret/with=odd&chars%'
const partnerCode = 'PARTNER-8841-ZX'
const accessToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZC11c2VyIn0.U2lnbmF0dXJl+/x'
const refreshToken = 'rt_5c8e1f2a+9b/7d=='
const idToken = 'eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4ifQ.sig-id'

/** Each path answers a token request in a shape masking by field name alone would miss. */
const ANSWERS: Record<string, (authorization: string) => { status: number; type: string; body: string }> = {
  '/jsonp': () => ({
    status: 200,
    type: 'application/javascript',
    body: `callback({"access_token":"${accessToken}","refresh_token":"${refreshToken}","token_type":"Bearer"})`,
  }),
  '/camel': () => ({
    status: 200,
    type: 'application/json',
    body: JSON.stringify({ accessToken, refreshToken, idToken, tokenType: 'Bearer' }),
  }),
  '/deep': () => ({
    status: 200,
    type: 'application/json',
    body: `${'{"d":'.repeat(400_000)}{"access_token":"${accessToken}","refresh_token":"${refreshToken}"}${'}'.repeat(400_000)}`,
  }),
  '/echo-basic': (authorization) => ({
    status: 401,
    type: 'application/json',
    body: JSON.stringify({
      error: 'invalid_client',
      error_description: `Unknown client for header "${authorization}" (${Buffer.from(authorization.slice(6), 'base64').toString()})`,
    }),
  }),
  '/xml': () => ({
    status: 200,
    type: 'application/xml',
    body: `<token><access_token>${accessToken}</access_token><id_token>${idToken}</id_token></token>`,
  }),
}

let server: TestServer
beforeAll(async () => {
  server = await startTestServer(async (req, res) => {
    await readBody(req)
    const answer = ANSWERS[req.url ?? '']!(req.headers.authorization ?? '')
    res.writeHead(answer.status, { 'Content-Type': answer.type })
    res.end(answer.body)
  })
})
afterAll(() => server.close())

const integrationFor = (path: string): Integration => ({
  grant: 'client_credentials',
  tokenUrl: `${server.url}${path}`,
  clientId,
  clientSecret,
  clientAuth: 'basic',
  tokenRequest: { params: { partner_code: partnerCode } },
  secretFields: ['tokenRequest.params.partner_code'],
})

const secrets = [
  clientSecret,
  formEncode(clientSecret),
  partnerCode,
  accessToken,
  refreshToken,
  idToken,
  `${clientId}:${formEncode(clientSecret)}`,
  Buffer.from(`${clientId}:${formEncode(clientSecret)}`).toString('base64'),
]

describe('what TokenDesk records of a token request keeps no secret, whatever the vendor answers', () => {
  it.each(Object.keys(ANSWERS))('answer %s: history.json, curl copy and preview', async (path) => {
    const directory = mkdtempSync(join(tmpdir(), 'tokendesk-mask-'))
    const history = new History(confStoreFactory(directory).open('history'))
    const engine = createTokenEngine({
      env: {},
      onExchange: ({ exchange, diagnosis }) => history.add(exchange, { diagnosis }),
    })
    const integration = integrationFor(path)
    const outcome = await engine.getToken(integration)
    history.flush()

    const [entry] = history.list()
    expect(entry?.url).toBe(`${server.url}${path}`)
    const recorded = readFileSync(join(directory, 'history.json'), 'utf8')
    expect(recorded).toContain(path)
    expect(leakedSecrets(recorded, secrets)).toEqual([])
    expect(leakedSecrets(toCurl(entry!.exchange.request), secrets)).toEqual([])
    expect(leakedSecrets(JSON.stringify(outcome.ok ? outcome.warnings : outcome.diagnosis), secrets)).toEqual(
      [],
    )

    const preview = await engine.previewTokenRequest(integration)
    expect(leakedSecrets(JSON.stringify(preview.request) + preview.curl, secrets)).toEqual([])
  })
})
