import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { OIDC_API_RESOURCE, oidcClients, startOidcProvider, type OidcTestServer } from './oidcProvider'

describe('oidc-provider test server', () => {
  let server: OidcTestServer
  beforeAll(async () => {
    server = await startOidcProvider()
  })
  afterAll(() => server.close())

  it('issues a JWT access token for client_credentials to a plain fetch', async () => {
    const { clientId, clientSecret } = oidcClients.machine
    // RFC 6749 §2.3.1: form-urlencode id and secret before Basic.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString(
      'base64',
    )
    const response = await fetch(server.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api:read' }),
    })
    const body = (await response.json()) as Record<string, unknown>
    expect(response.status).toBe(200)
    expect(body.token_type).toBe('Bearer')
    const claims = decodeJwt(String(body.access_token))
    expect(claims.iss).toBe(server.issuer)
    expect(claims.aud).toBe(OIDC_API_RESOURCE)
    expect(claims.scope).toBe('api:read')
  })

  it('refuses a wrong secret with invalid_client', async () => {
    const response = await fetch(server.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: oidcClients.machinePost.clientId,
        client_secret: 'wrong',
      }),
    })
    expect(response.status).toBe(401)
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client')
  })
})
