import { generateKeyPairSync } from 'node:crypto'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TOKEN_TYPES, type Integration } from '../../../../shared/integration'
import { startOidcProvider, type OidcTestServer } from '../../../sandbox/oidcProvider'
import { EXCHANGE_AUDIENCES, JWT_BEARER_AUDIENCE, standardsClients } from '../../../sandbox/openidStandards'
import { diagnoseFor } from '../../../diagnose/test/recordedExchange'
import type { PreparedRequest } from '../../../http/mask'
import { parseIntegration } from '../../../integration/parse'
import { resolveIntegration, type ResolvedIntegration } from '../../../integration/resolve'
import { clientCredentialsGrant } from './clientCredentials'
import type { Grant } from './grant'
import { buildTokenRequest } from '../tokenRequest'
import { jwtBearerAssertion, jwtBearerGrant } from './jwtBearer'
import { tokenExchangeGrant } from './tokenExchange'

let provider: OidcTestServer
beforeAll(async () => {
  provider = await startOidcProvider({ standards: true })
})
afterAll(() => provider.close())

const resolved = (integration: Integration) => resolveIntegration(parseIntegration(integration), {})

/** Builds the token request with the grant, sends it with fetch, and keeps what a diagnosis needs. */
async function send(integration: ResolvedIntegration, grant: Grant) {
  const request: PreparedRequest = await buildTokenRequest(integration, grant, {})
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body ?? undefined,
  })
  const text = await response.text()
  const body = JSON.parse(text) as Record<string, unknown>
  const diagnose = () =>
    diagnoseFor(
      {
        url: request.url,
        requestHeaders: request.headers,
        requestBody: request.body,
        status: response.status,
        headers: [...response.headers],
        body: text,
        secrets: integration.secrets,
      },
      { grant: integration.grant },
    )
  return { status: response.status, body, diagnose }
}

describe('token exchange against oidc-provider (RFC 8693, a custom grant there)', () => {
  const exchange = (subjectToken: string, extra: Partial<NonNullable<Integration['tokenExchange']>> = {}) =>
    resolved({
      grant: 'token_exchange',
      tokenUrl: provider.tokenUrl,
      clientId: standardsClients.exchange.clientId,
      clientSecret: standardsClients.exchange.clientSecret,
      tokenExchange: { subjectToken, subjectTokenType: TOKEN_TYPES.access_token, ...extra },
    })

  /** A token of the exchange client's own: opaque without API scopes, a JWT with them. */
  async function subjectToken(scope?: string): Promise<string> {
    const { status, body } = await send(
      resolved({
        grant: 'client_credentials',
        tokenUrl: provider.tokenUrl,
        clientId: standardsClients.exchange.clientId,
        clientSecret: standardsClients.exchange.clientSecret,
        ...(scope ? { scope: [scope] } : {}),
      }),
      clientCredentialsGrant,
    )
    expect(status).toBe(200)
    return String(body.access_token)
  }

  it('trades a token the provider issued for one for the audience asked', async () => {
    const { status, body } = await send(
      exchange(await subjectToken(), { audience: [EXCHANGE_AUDIENCES[1]] }),
      tokenExchangeGrant,
    )
    expect(status).toBe(200)
    expect(body.issued_token_type).toBe(TOKEN_TYPES.access_token)
    expect(decodeJwt(String(body.access_token)).aud).toBe(EXCHANGE_AUDIENCES[1])
  })

  it('trades a JWT access token too', async () => {
    const { status, body } = await send(exchange(await subjectToken('api:read')), tokenExchangeGrant)
    expect(status).toBe(200)
    expect(decodeJwt(String(body.access_token)).aud).toBe(EXCHANGE_AUDIENCES[0])
  })

  it('is refused with invalid_target for an unknown audience, explained by the audience sent', async () => {
    const refused = await send(
      exchange(await subjectToken(), { audience: ['https://unknown.tokendesk.test'] }),
      tokenExchangeGrant,
    )
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      error: 'invalid_target',
      error_description: 'unknown audience or resource: https://unknown.tokendesk.test',
    })
    expect(refused.diagnose().hint('target-refused')).toMatchObject({
      message: expect.stringContaining('(sent: "https://unknown.tokendesk.test")'),
      field: 'tokenExchange.audience',
    })
  })

  it('is refused with invalid_grant for a subject token it did not issue, explained without the token', async () => {
    const refused = await send(exchange('not-a-token-it-issued-123'), tokenExchangeGrant)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'subject token invalid or expired',
    })
    const { diagnosis, hint } = refused.diagnose()
    expect(hint('subject-token-refused').message).toMatch(/^The server refused the Subject token:/)
    expect(JSON.stringify(diagnosis)).not.toContain('not-a-token-it-issued-123')
  })
})

describe('JWT bearer against oidc-provider (RFC 7523 §2.1, a custom grant there)', () => {
  const bearer = (jwtBearer: NonNullable<Integration['jwtBearer']>) =>
    resolved({
      grant: 'jwt_bearer',
      tokenUrl: provider.tokenUrl,
      clientId: standardsClients.jwtBearer.clientId,
      clientAuth: 'none',
      jwtBearer,
    })

  async function sendSigned(integration: ResolvedIntegration, currentDate?: Date) {
    const assertion = await jwtBearerAssertion(integration, provider.tokenUrl, currentDate)
    return send(integration, jwtBearerGrant(assertion))
  }

  it('gets a token for the assertion’s subject, signed with the registered key', async () => {
    const { status, body } = await sendSigned(
      bearer({ privateKey: provider.standardsKeys!.jwtBearer.privateKeyPem, subject: 'user-42' }),
    )
    expect(status).toBe(200)
    expect(decodeJwt(String(body.access_token))).toMatchObject({ sub: 'user-42', aud: JWT_BEARER_AUDIENCE })
  })

  it('also takes the key as a JWK', async () => {
    const jwk = JSON.stringify(provider.standardsKeys!.jwtBearer.privateJwk)
    expect((await sendSigned(bearer({ privateKey: jwk, subject: 'user-43' }))).status).toBe(200)
  })

  it('refuses an assertion signed with another key, and the diagnosis names the signing key', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString()
    const refused = await sendSigned(bearer({ privateKey: other, subject: 'user-42' }))
    expect(refused.body).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('assertion signature verification failed'),
    })
    expect(refused.diagnose().hint('assertion-refused')).toMatchObject({
      message: expect.stringContaining('public half of the Assertion signing key (PEM or JWK)'),
      field: 'jwtBearer.privateKey',
    })
  })

  it('refuses an expired assertion, and the diagnosis says so', async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000)
    const refused = await sendSigned(
      bearer({
        privateKey: provider.standardsKeys!.jwtBearer.privateKeyPem,
        subject: 'u',
        expiresInSeconds: 60,
      }),
      anHourAgo,
    )
    expect(refused.body).toMatchObject({ error: 'invalid_grant', error_description: 'assertion expired' })
    expect(refused.diagnose().hint('assertion-refused').field).toBe('jwtBearer.expiresInSeconds')
  })

  it('refuses a pasted assertion used twice', async () => {
    const signed = await jwtBearerAssertion(
      bearer({ privateKey: provider.standardsKeys!.jwtBearer.privateKeyPem, subject: 'u' }),
      provider.tokenUrl,
    )
    const pasted = bearer({ assertion: signed })
    expect((await send(pasted, jwtBearerGrant(signed))).status).toBe(200)
    const again = await send(pasted, jwtBearerGrant(signed))
    expect(again.body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'assertion jti already used',
    })
    expect(again.diagnose().hint('assertion-refused').message).toMatch(/used before \(jti\)/)
  })
})
