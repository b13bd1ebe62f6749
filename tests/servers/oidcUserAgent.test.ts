import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oidcClients, startOidcProvider, type OidcTestServer } from '../../src/main/sandbox/oidcProvider'
import { approveAuthorization, approveDeviceCode } from './oidcUserAgent'

interface Discovery {
  authorization_endpoint: string
  token_endpoint: string
  device_authorization_endpoint: string
}

type TokenResponse = Record<string, unknown> & {
  access_token?: string
  refresh_token?: string
  error?: string
}

describe('scripted oidc-provider user agent', () => {
  let server: OidcTestServer
  let discovery: Discovery
  beforeAll(async () => {
    server = await startOidcProvider()
    discovery = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Discovery
  })
  afterAll(() => server.close())

  const postForm = async (url: string, params: Record<string, string>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params),
    })
    return { status: response.status, body: (await response.json()) as TokenResponse }
  }

  it('approves an authorization code request with PKCE; the code redeems and the refresh token rotates', async () => {
    const { clientId, redirectUri } = oidcClients.native
    const codeVerifier = randomBytes(32).toString('base64url')
    const state = randomBytes(16).toString('base64url')
    const authorizeUrl = new URL(discovery.authorization_endpoint)
    authorizeUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'openid offline_access api:read',
      prompt: 'consent',
      state,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString()

    const callback = await approveAuthorization(authorizeUrl.href)

    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri)
    expect(callback.searchParams.get('error')).toBeNull()
    expect(callback.searchParams.get('state')).toBe(state)
    expect(callback.searchParams.get('iss')).toBe(server.issuer) // RFC 9207
    const code = callback.searchParams.get('code')
    expect(code).toBeTruthy()

    const redeemed = await postForm(discovery.token_endpoint, {
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
      client_id: clientId,
    })
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200)
    expect(redeemed.body.access_token).toEqual(expect.any(String))
    expect(redeemed.body.refresh_token).toEqual(expect.any(String))
    expect(redeemed.body.id_token).toEqual(expect.any(String))

    const refreshed = await postForm(discovery.token_endpoint, {
      grant_type: 'refresh_token',
      refresh_token: redeemed.body.refresh_token!,
      client_id: clientId,
    })
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200)
    expect(refreshed.body.access_token).toEqual(expect.any(String))
    expect(refreshed.body.refresh_token).toEqual(expect.any(String))
    expect(refreshed.body.refresh_token).not.toBe(redeemed.body.refresh_token) // rotated (public client)

    // The rotated-out refresh token is now spent.
    const replayed = await postForm(discovery.token_endpoint, {
      grant_type: 'refresh_token',
      refresh_token: redeemed.body.refresh_token!,
      client_id: clientId,
    })
    expect(replayed.body.error).toBe('invalid_grant')
  })

  it('returns the error redirect when the request itself is refused', async () => {
    const { clientId, redirectUri } = oidcClients.native
    const authorizeUrl = new URL(discovery.authorization_endpoint)
    // A public client without PKCE: oidc-provider answers at the redirect_uri, no login involved.
    authorizeUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'openid',
      state: 'no-pkce',
    }).toString()

    const callback = await approveAuthorization(authorizeUrl.href)

    expect(callback.searchParams.get('error')).toBe('invalid_request')
    expect(callback.searchParams.get('state')).toBe('no-pkce')
    expect(callback.searchParams.get('code')).toBeNull()
  })

  it('approves a device authorization (RFC 8628) so one token poll succeeds', async () => {
    const clientId = oidcClients.native.clientId
    const device = await postForm(discovery.device_authorization_endpoint, {
      client_id: clientId,
      scope: 'openid offline_access',
    })
    expect(device.status, JSON.stringify(device.body)).toBe(200)
    const { device_code, verification_uri_complete } = device.body as Record<string, string>
    expect(verification_uri_complete).toEqual(expect.any(String))

    // Before the user acts the client is told to keep polling.
    const pending = await postForm(discovery.token_endpoint, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: device_code!,
      client_id: clientId,
    })
    expect(pending.body.error).toBe('authorization_pending')

    await approveDeviceCode(verification_uri_complete!)

    const tokens = await postForm(discovery.token_endpoint, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: device_code!,
      client_id: clientId,
    })
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200)
    expect(tokens.body.access_token).toEqual(expect.any(String))
    expect(tokens.body.refresh_token).toEqual(expect.any(String))
    expect(tokens.body.id_token).toEqual(expect.any(String))
  })

  it('refuses to approve a device code that was already used', async () => {
    const device = await postForm(discovery.device_authorization_endpoint, {
      client_id: oidcClients.native.clientId,
      scope: 'openid',
    })
    const uri = (device.body as Record<string, string>).verification_uri_complete!
    await approveDeviceCode(uri)
    await expect(approveDeviceCode(uri)).rejects.toThrow(/same form again|failed/)
  })
})
