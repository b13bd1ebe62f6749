import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { basicAuth, FORM } from '../../../../tests/servers/clientHelpers'
import { APIM_INVALID_KEY, APIM_MISSING_KEY, startSkyKickEmulator, type SkyKickEmulator } from './skykick'

describe('SkyKick emulator', () => {
  let sk: SkyKickEmulator
  beforeAll(async () => {
    sk = await startSkyKickEmulator({ tokenRateLimit: 100 })
  })
  afterAll(() => sk.close())

  const headers = (over: Record<string, string> = {}): Record<string, string> => ({
    ...FORM,
    Authorization: basicAuth(sk.credentials.userId, sk.credentials.subscriptionKey, { urlencode: false }),
    'Ocp-Apim-Subscription-Key': sk.credentials.subscriptionKey,
    ...over,
  })
  const post = (h: Record<string, string>, scope = 'Partner', on = sk) =>
    fetch(on.tokenUrl, { method: 'POST', headers: h, body: `grant_type=client_credentials&scope=${scope}` })

  it('issues a JWT for plain Basic user ID:subscription key, in the documented shape', async () => {
    for (const scope of ['Partner', 'Distributor']) {
      const res = await post(headers(), scope)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { access_token: string }
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type'])
      expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' })
      expect(decodeProtectedHeader(body.access_token)).toMatchObject({ typ: 'JWT', alg: 'RS256' })
      expect(decodeJwt(body.access_token)).toMatchObject({ sub: sk.credentials.userId, scope })
    }
    expect(sk.requests.at(-1)!.form).toEqual({ grant_type: 'client_credentials', scope: 'Distributor' })
  })

  it('rejects URL-encoded Basic credentials (SkyKick does not decode them)', async () => {
    const res = await post(
      headers({
        Authorization: basicAuth(sk.credentials.userId, sk.credentials.subscriptionKey, { urlencode: true }),
      }),
    )
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('answers APIM 401 bodies for a missing or invalid subscription key header', async () => {
    const { 'Ocp-Apim-Subscription-Key': _k, ...noKey } = headers()
    const missing = await post(noKey)
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual(APIM_MISSING_KEY)
    const invalid = await post(headers({ 'Ocp-Apim-Subscription-Key': 'wrong' }))
    expect(invalid.status).toBe(401)
    expect(await invalid.json()).toEqual(APIM_INVALID_KEY)
  })

  it('rejects a product the user is not entitled to', async () => {
    const partnerOnly = await startSkyKickEmulator({ scopes: ['Partner'] })
    try {
      const res = await post(headers(), 'Distributor', partnerOnly)
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'invalid_scope' })
    } finally {
      await partnerOnly.close()
    }
  })

  it('rate-limits the token endpoint with 429, Retry-After and the APIM body', async () => {
    const limited = await startSkyKickEmulator({ tokenRateLimit: 2, rateWindowMs: 30_000 })
    try {
      expect((await post(headers(), 'Partner', limited)).status).toBe(200)
      expect((await post(headers(), 'Partner', limited)).status).toBe(200)
      const res = await post(headers(), 'Partner', limited)
      expect(res.status).toBe(429)
      const retryAfter = Number(res.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(await res.json()).toEqual({
        statusCode: 429,
        message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
      })
      expect(limited.tokenRequestCount()).toBe(3)
      limited.resetRateLimit()
      expect((await post(headers(), 'Partner', limited)).status).toBe(200)
    } finally {
      await limited.close()
    }
  })

  it('API needs both the Bearer token and Ocp-Apim-Subscription-Key', async () => {
    const { access_token } = (await (await post(headers())).json()) as { access_token: string }
    const call = (h: Record<string, string>) => fetch(sk.apiUrl, { headers: h })
    const key = { 'Ocp-Apim-Subscription-Key': sk.credentials.subscriptionKey }
    expect((await call({ ...key, Authorization: `Bearer ${access_token}` })).status).toBe(200)
    const noKey = await call({ Authorization: `Bearer ${access_token}` })
    expect(noKey.status).toBe(401)
    expect(await noKey.json()).toEqual(APIM_MISSING_KEY)
    expect((await call(key)).status).toBe(401)
    sk.expireAccessTokens()
    expect((await call({ ...key, Authorization: `Bearer ${access_token}` })).status).toBe(401)
  })

  it('answers 405 to GET on the token endpoint', async () => {
    expect((await fetch(sk.tokenUrl)).status).toBe(405)
  })
})
