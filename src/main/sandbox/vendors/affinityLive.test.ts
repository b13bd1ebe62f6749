import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicAuth, FORM, hiddenInput } from '../../../../tests/servers/clientHelpers'
import { AFFINITYLIVE_OOB, startAffinityLiveEmulator, type AffinityLiveEmulator } from './affinityLive'

interface TokenBody {
  access_token: string
  token_type: string
  expires_in: number
  refresh_token: string
  scope: string
}

describe('AffinityLive emulator', () => {
  let al: AffinityLiveEmulator
  beforeAll(async () => {
    al = await startAffinityLiveEmulator()
  })
  afterAll(() => al.close())

  const basic = () => ({
    Authorization: basicAuth(al.credentials.clientId, al.credentials.clientSecret, { urlencode: true }),
  })
  const post = (body: URLSearchParams, headers: Record<string, string> = basic(), url = al.tokenUrl) =>
    fetch(url, { method: 'POST', headers: { ...FORM, ...headers }, body })
  const codeForm = (code: string, redirectUri = AFFINITYLIVE_OOB) =>
    new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })

  it('PIN flow: approve page → PIN page → token with comma-delimited scope', async () => {
    const authorize = new URL(al.authorizeUrl)
    authorize.search = new URLSearchParams({
      client_id: al.credentials.clientId,
      response_type: 'code',
      scope: 'companies,contacts',
      redirect_uri: AFFINITYLIVE_OOB,
    }).toString()
    const page = await fetch(authorize)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toMatch(/>Approve</)
    const approved = await fetch(`${al.url}/oauth2/v0/authorize/approve`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ request_id: hiddenInput(html, 'request_id'), decision: 'approve' }),
    })
    expect(approved.status).toBe(200)
    const pin = /id="pin">([^<]+)</.exec(await approved.text())?.[1]
    expect(pin).toBeTruthy()

    const res = await post(codeForm(pin!))
    expect(res.status).toBe(200)
    const body = (await res.json()) as TokenBody
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'companies,contacts' })
    expect(body.refresh_token).toBeTruthy()
    const rec = al.requests.at(-1)!
    expect(rec.query).toEqual({})
    expect(Buffer.from(rec.headers.authorization!.slice(6), 'base64').toString()).toMatch(
      /^34ad67fa2f%40hq\./,
    )
  })

  it('space-delimited scopes are refused on the authorize page', async () => {
    const authorize = new URL(al.authorizeUrl)
    authorize.search = new URLSearchParams({
      client_id: al.credentials.clientId,
      response_type: 'code',
      scope: 'companies contacts',
      redirect_uri: AFFINITYLIVE_OOB,
    }).toString()
    const res = await fetch(authorize)
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('<p id="error">invalid_scope</p>')
  })

  it('accepts client credentials as query parameters (last resort)', async () => {
    const url = new URL(al.tokenUrl)
    url.search = new URLSearchParams({
      client_id: al.credentials.clientId,
      client_secret: al.credentials.clientSecret,
    }).toString()
    const res = await post(codeForm(al.issuePin()), {}, url.href)
    expect(res.status).toBe(200)
  })

  it('refuses client credentials in the body with invalid_client', async () => {
    const form = codeForm(al.issuePin())
    form.set('client_id', al.credentials.clientId)
    form.set('client_secret', al.credentials.clientSecret)
    const res = await post(form, {})
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('rejects raw (not urlencoded) Basic credentials', async () => {
    const res = await post(codeForm(al.issuePin()), {
      Authorization: basicAuth(al.credentials.clientId, al.credentials.clientSecret, { urlencode: false }),
    })
    expect(res.status).toBe(401)
  })

  it('invalid_grant when redirect_uri differs from the authorize request', async () => {
    const res = await post(codeForm(al.issuePin(), 'http://127.0.0.1/callback'))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('refresh_token grant rotates the refresh token', async () => {
    const first = (await (
      await post(codeForm(al.issuePin({ scope: 'companies,issues' })))
    ).json()) as TokenBody
    const refresh = (token: string) =>
      post(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }))
    const second = await refresh(first.refresh_token)
    expect(second.status).toBe(200)
    expect(((await second.json()) as TokenBody).scope).toBe('companies,issues')
    expect((await refresh(first.refresh_token)).status).toBe(400)
  })

  it('API accepts _bearer_token or the Bearer header and 401s otherwise', async () => {
    const { access_token } = (await (await post(codeForm(al.issuePin()))).json()) as TokenBody
    expect((await fetch(`${al.apiUrl}?_bearer_token=${encodeURIComponent(access_token)}`)).status).toBe(200)
    expect((await fetch(al.apiUrl, { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(
      200,
    )
    const none = await fetch(al.apiUrl)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /)
    al.expireAccessTokens()
    expect((await fetch(al.apiUrl, { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(
      401,
    )
  })

  it('answers 405 to GET on the token endpoint', async () => {
    expect((await fetch(al.tokenUrl)).status).toBe(405)
  })
})
