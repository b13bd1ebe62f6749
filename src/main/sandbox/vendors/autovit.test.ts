import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicAuth, FORM } from '../../../../tests/servers/clientHelpers'
import { startAutovitEmulator, type AutovitEmulator } from './autovit'

describe('Autovit emulator', () => {
  let av: AutovitEmulator
  beforeAll(async () => {
    av = await startAutovitEmulator()
  })
  afterAll(() => av.close())

  const post = (body: string | URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(av.tokenUrl, { method: 'POST', headers: { ...FORM, ...headers }, body })
  const clientBasic = () => ({
    Authorization: basicAuth(av.credentials.clientId, av.credentials.clientSecret, { urlencode: true }),
  })
  const passwordForm = (password = av.credentials.password) =>
    new URLSearchParams({ grant_type: 'password', username: av.credentials.username, password })
  const partnerForm = (partnerSecret = av.credentials.partnerSecret) =>
    new URLSearchParams({
      client_id: av.credentials.clientId,
      client_secret: av.credentials.clientSecret,
      partner_code: av.credentials.partnerCode,
      partner_secret: partnerSecret,
      grant_type: 'partner',
    })

  it('password grant with Basic client auth answers exactly the documented shape', async () => {
    const res = await post(passwordForm(), clientBasic())
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope'])
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 43200, scope: 'adverts-write read' })
    expect(body.access_token).toMatch(/^[0-9a-f]{40}$/)
    expect(body.refresh_token).toMatch(/^[0-9a-f]{40}$/)
  })

  it('password grant also accepts client credentials in the body', async () => {
    const form = passwordForm()
    form.set('client_id', av.credentials.clientId)
    form.set('client_secret', av.credentials.clientSecret)
    expect((await post(form)).status).toBe(200)
  })

  it('partner grant with body credentials (the raw example) succeeds', async () => {
    const res = await post(partnerForm())
    expect(res.status).toBe(200)
    expect(av.requests.at(-1)!.form).toMatchObject({ client_id: '123', grant_type: 'partner' })
  })

  it('answers the documented 400 body for bad partner credentials', async () => {
    const res = await post(partnerForm('wrong'))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid partner credentials parameter',
      error_human_title: 'Niepoprawna wartość',
      error_human_message: '',
    })
  })

  it('400 invalid_grant for a wrong user password', async () => {
    const res = await post(passwordForm('wrong'), clientBasic())
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: 'invalid_grant',
      error_human_title: 'Niepoprawna wartość',
    })
  })

  it('400 invalid_client for a bad client, including curl -u with a raw "+" secret', async () => {
    const curlStyle = {
      Authorization: basicAuth(av.credentials.clientId, av.credentials.clientSecret, { urlencode: false }),
    }
    for (const headers of [
      curlStyle,
      { Authorization: basicAuth('124', av.credentials.clientSecret, { urlencode: true }) },
    ]) {
      const res = await post(passwordForm(), headers)
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'invalid_client' })
    }
  })

  it('400 unsupported_grant_type for refresh_token (only password and partner are allowed)', async () => {
    const res = await post(
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'abc' }),
      clientBasic(),
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' })
  })

  it('API accepts a valid Bearer token and 401s otherwise', async () => {
    const { access_token } = (await (await post(passwordForm(), clientBasic())).json()) as {
      access_token: string
    }
    expect((await fetch(av.apiUrl, { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(
      200,
    )
    expect((await fetch(av.apiUrl)).status).toBe(401)
    av.expireAccessTokens()
    expect((await fetch(av.apiUrl, { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(
      401,
    )
  })

  it('answers 405 to GET on the token endpoint', async () => {
    expect((await fetch(av.tokenUrl)).status).toBe(405)
  })
})
