import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose'
import { basicAuth, FORM, hiddenInput } from '../../../../tests/servers/clientHelpers'
import { startAltitudeAngelEmulator, type AltitudeAngelEmulator } from './altitudeAngel'

interface TokenBody {
  access_token: string
  token_type: string
  expires_in: number
  refresh_token: string
}

describe('Altitude Angel emulator', () => {
  let aa: AltitudeAngelEmulator
  beforeAll(async () => {
    aa = await startAltitudeAngelEmulator()
  })
  afterAll(() => aa.close())

  const post = (body: string | URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(aa.tokenUrl, { method: 'POST', headers: { ...FORM, ...headers }, body })
  const clientCredentials = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      client_id: aa.credentials.clientId,
      client_secret: aa.credentials.clientSecret,
      grant_type: 'client_credentials',
      scope: 'query_mapdata talk_tower',
      ...extra,
    })
  const callback = 'http://127.0.0.1:53682/callback'

  it('client_credentials: documented response with a verifiable RS256 JWT', async () => {
    const res = await post(clientCredentials())
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as TokenBody
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type'])
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 900 })
    const { payload, protectedHeader } = await jwtVerify(
      body.access_token,
      createRemoteJWKSet(new URL(aa.jwksUrl)),
      {
        issuer: aa.issuer,
        audience: aa.audience,
      },
    )
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload).toMatchObject({
      sub: aa.credentials.clientId,
      client_id: aa.credentials.clientId,
      scope: 'query_mapdata talk_tower',
    })
    expect(payload.exp! - payload.iat!).toBe(900)
    expect(payload.nbf).toBeTypeOf('number')
    expect(payload.jti).toBeTypeOf('string')
    expect(aa.requests.findLast((r) => r.path === '/oauth/v2/token')!.body).toContain(
      'scope=query_mapdata+talk_tower',
    )
  })

  it('honours accessTokenTtlSeconds', async () => {
    const short = await startAltitudeAngelEmulator({ accessTokenTtlSeconds: 60 })
    try {
      const res = await fetch(short.tokenUrl, {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({
          client_id: short.credentials.clientId,
          client_secret: short.credentials.clientSecret,
          grant_type: 'client_credentials',
          scope: 'talk_tower',
        }),
      })
      const body = (await res.json()) as TokenBody
      expect(body.expires_in).toBe(60)
      const claims = decodeJwt(body.access_token)
      expect(claims.exp! - claims.iat!).toBe(60)
    } finally {
      await short.close()
    }
  })

  it('401 invalid_client when the secret was not URL-encoded ("+" became a space)', async () => {
    const raw = `client_id=${aa.credentials.clientId}&client_secret=s3cr+t/=&%é&grant_type=client_credentials&scope=talk_tower`
    const res = await post(raw)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('accepts RFC 6749 Basic (form-urlencoded) and rejects raw Basic', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'talk_tower' })
    const ok = await post(form, {
      Authorization: basicAuth(aa.credentials.clientId, aa.credentials.clientSecret, { urlencode: true }),
    })
    expect(ok.status).toBe(200)
    const raw = await post(form, {
      Authorization: basicAuth(aa.credentials.clientId, aa.credentials.clientSecret, { urlencode: false }),
    })
    expect(raw.status).toBe(401)
    expect(raw.headers.get('www-authenticate')).toMatch(/^Basic /)
  })

  it('401 invalid_scope for a scope the client did not declare (also for comma-delimited lists)', async () => {
    for (const scope of ['manage_users', 'query_mapdata,talk_tower']) {
      const res = await post(clientCredentials({ scope }))
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ error: 'invalid_scope' })
    }
  })

  it('rotates refresh tokens; the old one is invalid_grant', async () => {
    const first = (await (await post(clientCredentials())).json()) as TokenBody
    const refresh = (old: string) =>
      post(
        new URLSearchParams({
          client_id: aa.credentials.clientId,
          client_secret: aa.credentials.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: old,
        }),
      )
    const second = await refresh(first.refresh_token)
    expect(second.status).toBe(200)
    const body = (await second.json()) as TokenBody
    expect(body.refresh_token).not.toBe(first.refresh_token)
    const replay = await refresh(first.refresh_token)
    expect(replay.status).toBe(400)
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('authorization code flow through the login page, with state echoed and single-use codes', async () => {
    const state = 'x y+z/&é'
    const authorize = new URL(aa.authorizeUrl)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: aa.credentials.clientId,
      redirect_uri: callback,
      scope: 'query_mapdata',
      state,
    }).toString()
    const page = await fetch(authorize)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toMatch(/name="username"/)
    expect(html).toMatch(/name="password"/)
    expect(html).toMatch(/>Allow</)
    const requestId = hiddenInput(html, 'request_id')
    const decide = (password: string) =>
      fetch(`${aa.url}/oauth/v2/authorize/decision`, {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({
          request_id: requestId,
          username: 'pilot@example.com',
          password,
          decision: 'allow',
        }),
        redirect: 'manual',
      })
    expect((await decide('wrong')).status).toBe(401)
    const approved = await decide('flyhigh')
    expect(approved.status).toBe(302)
    const location = new URL(approved.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(callback)
    expect(location.searchParams.get('state')).toBe(state)
    const code = location.searchParams.get('code')!

    const exchange = (redirectUri: string) =>
      post(
        new URLSearchParams({
          client_id: aa.credentials.clientId,
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
        }),
      )
    const ok = await exchange(callback)
    expect(ok.status).toBe(200)
    const { access_token } = (await ok.json()) as TokenBody
    expect(decodeJwt(access_token)).toMatchObject({ sub: 'pilot@example.com', scope: 'query_mapdata' })
    const again = await exchange(callback)
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('a code redeemed with a different redirect_uri is invalid_grant', async () => {
    const code = aa.issueCode({ redirectUri: callback })
    const res = await post(
      new URLSearchParams({
        client_id: aa.credentials.clientId,
        client_secret: aa.credentials.clientSecret,
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://127.0.0.1:1/callback',
      }),
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('authorize errors: error page for a bad redirect_uri, redirect with error= otherwise', async () => {
    const go = (params: Record<string, string>) => {
      const u = new URL(aa.authorizeUrl)
      u.search = new URLSearchParams({
        response_type: 'code',
        client_id: aa.credentials.clientId,
        redirect_uri: callback,
        scope: 'talk_tower',
        ...params,
      }).toString()
      return fetch(u, { redirect: 'manual' })
    }
    const badRedirect = await go({ redirect_uri: 'http://evil.example/callback' })
    expect(badRedirect.status).toBe(400)
    expect(badRedirect.headers.get('location')).toBeNull()
    expect(badRedirect.headers.get('content-type')).toMatch(/^text\/html/)

    const badType = await go({ response_type: 'token', state: 's1' })
    expect(badType.status).toBe(302)
    const loc = new URL(badType.headers.get('location')!)
    expect(loc.searchParams.get('error')).toBe('unsupported_response_type')
    expect(loc.searchParams.get('state')).toBe('s1')

    const badScope = await go({ scope: 'manage_users' })
    const loc2 = new URL(badScope.headers.get('location')!)
    expect(loc2.searchParams.get('error')).toBe('invalid_scope')
    expect(loc2.searchParams.has('state')).toBe(false)
  })

  it('API accepts a valid JWT and 401s with invalid_token once expired', async () => {
    const { access_token } = (await (await post(clientCredentials())).json()) as TokenBody
    const call = (headers: Record<string, string>) => fetch(aa.apiUrl, { headers })
    expect((await call({ Authorization: `Bearer ${access_token}` })).status).toBe(200)
    const none = await call({})
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /)
    aa.expireAccessTokens()
    const expired = await call({ Authorization: `Bearer ${access_token}` })
    expect(expired.status).toBe(401)
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"')
  })

  it('answers 405 to GET on the token endpoint', async () => {
    expect((await fetch(aa.tokenUrl)).status).toBe(405)
  })
})
