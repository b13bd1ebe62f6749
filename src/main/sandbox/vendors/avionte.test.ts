import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FORM } from '../../../../tests/servers/clientHelpers'
import { AVIONTE_SCOPE, startAvionteEmulator, type AvionteEmulator } from './avionte'

describe('Avionté emulator', () => {
  let av: AvionteEmulator
  beforeAll(async () => {
    av = await startAvionteEmulator()
  })
  afterAll(() => av.close())

  const goodForm = (): URLSearchParams =>
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: av.credentials.clientId,
      client_secret: av.credentials.clientSecret,
      scope: AVIONTE_SCOPE,
    })
  const post = (body: string | URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(av.tokenUrl, {
      method: 'POST',
      headers: { ...FORM, accept: 'application/json', 'X-Api-Key': av.credentials.apiKey, ...headers },
      body,
    })
  const getToken = async (): Promise<string> =>
    ((await (await post(goodForm())).json()) as { access_token: string }).access_token

  it('issues a token for the documented request, exactly in the documented shape', async () => {
    const res = await post(goodForm())
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type'])
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' })
    const rec = av.requests.at(-1)!
    expect(rec).toMatchObject({ method: 'POST', path: '/authorize/token' })
    expect(rec.headers['x-api-key']).toBe(av.credentials.apiKey)
    expect(rec.form).toEqual({
      grant_type: 'client_credentials',
      client_id: av.credentials.clientId,
      client_secret: 's3cr+t/=&%é',
      scope: AVIONTE_SCOPE,
    })
    expect(rec.body).toContain('client_secret=s3cr%2Bt%2F%3D%26%25%C3%A9')
  })

  it('answers 403 {"message":"Forbidden"} without a valid x-api-key', async () => {
    const missing = await fetch(av.tokenUrl, { method: 'POST', headers: FORM, body: goodForm() })
    expect(missing.status).toBe(403)
    expect(await missing.json()).toEqual({ message: 'Forbidden' })
    const wrong = await post(goodForm(), { 'X-Api-Key': 'nope' })
    expect(wrong.status).toBe(403)
  })

  it('rejects a JSON body with 400', async () => {
    const res = await post(JSON.stringify(Object.fromEntries(goodForm())), {
      'Content-Type': 'application/json',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_request' })
  })

  it('rejects an un-encoded secret ("+" arrives as a space) with 400 invalid_client', async () => {
    const raw = `grant_type=client_credentials&client_id=${av.credentials.clientId}&client_secret=s3cr+t&scope=${AVIONTE_SCOPE}`
    const res = await post(raw)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })

  it.each([
    ['wrong scope', { scope: 'other.scope' }, 'invalid_scope'],
    ['missing scope', { scope: '' }, 'invalid_request'],
    ['other grant', { grant_type: 'password' }, 'unsupported_grant_type'],
    ['wrong client', { client_id: 'someone-else' }, 'invalid_client'],
  ])('answers 400 for %s', async (_name, change, error) => {
    const form = goodForm()
    for (const [k, v] of Object.entries(change)) form.set(k, v)
    const res = await post(form)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error })
  })

  it('answers 405 to GET on the token endpoint', async () => {
    expect((await fetch(av.tokenUrl)).status).toBe(405)
  })

  it('API needs a valid Bearer token and the x-api-key', async () => {
    const token = await getToken()
    const ok = await fetch(av.apiUrl, {
      headers: { Authorization: `Bearer ${token}`, 'x-api-key': av.credentials.apiKey },
    })
    expect(ok.status).toBe(200)
    const noKey = await fetch(av.apiUrl, { headers: { Authorization: `Bearer ${token}` } })
    expect(noKey.status).toBe(403)
    const badToken = await fetch(av.apiUrl, {
      headers: { Authorization: 'Bearer nope', 'x-api-key': av.credentials.apiKey },
    })
    expect(badToken.status).toBe(401)
    av.expireAccessTokens()
    const expired = await fetch(av.apiUrl, {
      headers: { Authorization: `Bearer ${token}`, 'x-api-key': av.credentials.apiKey },
    })
    expect(expired.status).toBe(401)
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"')
  })
})
