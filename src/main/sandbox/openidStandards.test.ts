import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oidcClients, startOidcProvider, type OidcTestServer } from './oidcProvider'
import { JWT_BEARER, standardsClients, TOKEN_EXCHANGE } from './openidStandards'

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
const form = { 'content-type': 'application/x-www-form-urlencoded' }

describe('oidc-provider with the standards on', () => {
  let server: OidcTestServer
  let plain: OidcTestServer
  beforeAll(async () => {
    ;[server, plain] = await Promise.all([startOidcProvider({ standards: true }), startOidcProvider()])
  })
  afterAll(() => Promise.all([server.close(), plain.close()]))

  const metadata = async (of: OidcTestServer) =>
    (await (await fetch(`${of.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>

  it('advertises DPoP with RS256, PAR, revocation, introspection and both custom grants', async () => {
    const discovered = await metadata(server)
    expect(discovered.dpop_signing_alg_values_supported).toEqual(
      expect.arrayContaining(['ES256', 'RS256', 'EdDSA']),
    )
    expect(discovered.grant_types_supported).toEqual(expect.arrayContaining([TOKEN_EXCHANGE, JWT_BEARER]))
    expect(discovered).toMatchObject({
      pushed_authorization_request_endpoint: `${server.issuer}/request`,
      revocation_endpoint: `${server.issuer}/token/revocation`,
      introspection_endpoint: `${server.issuer}/token/introspection`,
    })
  })

  it('leaves the plain server without the custom grants or the extra clients', async () => {
    const discovered = await metadata(plain)
    expect(discovered.grant_types_supported).not.toContain(TOKEN_EXCHANGE)
    const response = await fetch(plain.tokenUrl, {
      method: 'POST',
      headers: {
        ...form,
        authorization: basic(standardsClients.exchange.clientId, standardsClients.exchange.clientSecret),
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    })
    expect(response.status).toBe(401)
  })

  it('pushes an authorization request and answers with a request_uri', async () => {
    const { clientId, clientSecret, redirectUri } = oidcClients.web
    const response = await fetch(`${server.issuer}/request`, {
      method: 'POST',
      headers: { ...form, authorization: basic(clientId, clientSecret) },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({
      request_uri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:/),
    })
  })

  it('refuses a token request without a proof from a client whose tokens must be DPoP-bound', async () => {
    const { clientId, clientSecret } = standardsClients.dpop
    const response = await fetch(server.tokenUrl, {
      method: 'POST',
      headers: { ...form, authorization: basic(clientId, clientSecret) },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    })
    expect(response.status).toBe(400)
    // oidc-provider keeps its detail ("DPoP proof JWT not provided") out of the answer.
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant')
  })
})
