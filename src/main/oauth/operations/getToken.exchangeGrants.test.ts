import { generateKeyPairSync } from 'node:crypto'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Exchange } from '../../../shared/exchange'
import { GRANT_TYPE_URIS, TOKEN_TYPES, type Integration } from '../../../shared/integration'
import { startOidcProvider, type OidcTestServer } from '../../sandbox/oidcProvider'
import { EXCHANGE_AUDIENCES, JWT_BEARER_AUDIENCE, standardsClients } from '../../sandbox/openidStandards'
import { createTokenEngine } from '../engine'

let provider: OidcTestServer
beforeAll(async () => {
  provider = await startOidcProvider({ standards: true })
})
afterAll(() => provider.close())

function recordingEngine() {
  const exchanges: Exchange[] = []
  const engine = createTokenEngine({ onExchange: ({ exchange }) => exchanges.push(exchange) })
  return { engine, exchanges }
}

const exchangeClient = {
  tokenUrl: () => provider.tokenUrl,
  clientId: standardsClients.exchange.clientId,
  clientSecret: standardsClients.exchange.clientSecret,
}

/** A token of the exchange client's own, got through the engine. */
async function subjectToken(engine: ReturnType<typeof createTokenEngine>): Promise<string> {
  const outcome = await engine.getToken({
    grant: 'client_credentials',
    tokenUrl: provider.tokenUrl,
    clientId: exchangeClient.clientId,
    clientSecret: exchangeClient.clientSecret,
  })
  if (!outcome.ok) throw new Error(outcome.diagnosis.summary)
  return outcome.token.access_token
}

const tokenExchange = (
  subject: string,
  extra: Partial<NonNullable<Integration['tokenExchange']>> = {},
  grant = 'token_exchange',
): Integration => ({
  grant,
  tokenUrl: provider.tokenUrl,
  clientId: exchangeClient.clientId,
  clientSecret: exchangeClient.clientSecret,
  tokenExchange: { subjectToken: subject, subjectTokenType: TOKEN_TYPES.access_token, ...extra },
})

describe('getToken with token exchange (RFC 8693)', () => {
  it('trades the subject token for one for the audience asked', async () => {
    const { engine, exchanges } = recordingEngine()
    const subject = await subjectToken(engine)
    const outcome = await engine.getToken(tokenExchange(subject, { audience: [EXCHANGE_AUDIENCES[1]] }))
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.issued_token_type).toBe(TOKEN_TYPES.access_token)
    expect(decodeJwt(outcome.token.access_token).aud).toBe(EXCHANGE_AUDIENCES[1])
    expect(exchanges.at(-1)!.request.body).toContain(
      `grant_type=${encodeURIComponent(GRANT_TYPE_URIS.token_exchange)}`,
    )
    expect(exchanges.at(-1)!.request.body).not.toContain(subject)
  })

  it('takes the grant under its URN too', async () => {
    const { engine } = recordingEngine()
    const outcome = await engine.getToken(
      tokenExchange(await subjectToken(engine), {}, GRANT_TYPE_URIS.token_exchange),
    )
    expect(outcome.ok).toBe(true)
  })

  it('is refused for an unknown audience, and the diagnosis says the target was refused', async () => {
    const { engine } = recordingEngine()
    const outcome = await engine.getToken(
      tokenExchange(await subjectToken(engine), { audience: ['https://unknown.tokendesk.test'] }),
    )
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.error).toBe('invalid_target')
    expect(outcome.diagnosis.summary).toContain(
      'unknown audience or resource: https://unknown.tokendesk.test (HTTP 400, invalid_target)',
    )
    expect(outcome.diagnosis.hints.find((hint) => hint.code === 'target-refused')).toMatchObject({
      message: expect.stringContaining('(sent: "https://unknown.tokendesk.test")'),
      field: 'tokenExchange.audience',
    })
  })
})

const jwtBearer = (bearer: NonNullable<Integration['jwtBearer']>, grant = 'jwt_bearer'): Integration => ({
  grant,
  tokenUrl: provider.tokenUrl,
  clientId: standardsClients.jwtBearer.clientId,
  clientAuth: 'none',
  jwtBearer: bearer,
})

describe('getToken with a JWT bearer assertion (RFC 7523)', () => {
  it('signs a new assertion for every request: two tokens in a row, each with its own jti', async () => {
    const { engine, exchanges } = recordingEngine()
    const integration = jwtBearer({
      privateKey: provider.standardsKeys!.jwtBearer.privateKeyPem,
      subject: 'user-42',
    })
    const first = await engine.getToken(integration)
    const second = await engine.getToken(integration)
    expect(first.ok && second.ok).toBe(true)
    if (!first.ok) return
    expect(decodeJwt(first.token.access_token)).toMatchObject({ sub: 'user-42', aud: JWT_BEARER_AUDIENCE })
    expect(exchanges).toHaveLength(2)
    expect(exchanges.map((each) => each.response?.status)).toEqual([200, 200])
  })

  it('sends a pasted assertion as it is, under the URN grant type', async () => {
    const { engine: signer } = recordingEngine()
    const signed = await signedAssertion(signer)
    const { engine } = recordingEngine()
    const outcome = await engine.getToken(jwtBearer({ assertion: signed }, GRANT_TYPE_URIS.jwt_bearer))
    expect(outcome.ok).toBe(true)
  })

  it('is refused for an assertion signed with another key, and the diagnosis names the signing key', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString()
    const { engine } = recordingEngine()
    const outcome = await engine.getToken(jwtBearer({ privateKey: other, subject: 'user-42' }))
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.error).toBe('invalid_grant')
    expect(outcome.diagnosis.summary).toContain('assertion signature verification failed')
    expect(outcome.diagnosis.hints.find((hint) => hint.code === 'assertion-refused')).toMatchObject({
      field: 'jwtBearer.privateKey',
    })
  })
})

/** An assertion as a user would paste it: signed once by TokenDesk, read off the recorded request. */
async function signedAssertion(engine: ReturnType<typeof createTokenEngine>): Promise<string> {
  const preview = await engine.previewTokenRequest(
    jwtBearer({ privateKey: provider.standardsKeys!.jwtBearer.privateKeyPem, subject: 'user-7' }),
    { reveal: true },
  )
  return new URLSearchParams(preview.request.body ?? '').get('assertion') ?? ''
}
