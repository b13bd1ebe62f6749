import { describe, expect, it } from 'vitest'
import type { Integration } from '../../shared/integration'
import { MASKED } from '../../shared/secretNames'
import {
  startAffinityLiveEmulator,
  startAltitudeAngelEmulator,
  startAutovitEmulator,
  startAvionteEmulator,
  startSkyKickEmulator,
} from '../sandbox/vendors'
import { recordingEngine, started } from '../../../tests/support/tokenEngineTests'
import { affinityLive } from './affinityLive'
import { altitudeAngel } from './altitudeAngel'
import { autovitPartner, autovitPassword } from './autovit'
import { avionte } from './avionte'
import { skykickDistributor, skykickPartner } from './skykick'

/** Every secret an emulator knows, to prove none of them leaks into a record. */
function expectNoSecrets(records: unknown, secrets: string[]): void {
  const text = JSON.stringify(records)
  for (const secret of secrets) {
    for (const form of [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    ]) {
      expect(text).not.toContain(form)
    }
  }
}

describe('Avionté BOLD preset', () => {
  it('gets a token with x-api-key and the credentials in the form body, as documented', async () => {
    const emulator = await started(startAvionteEmulator())
    const { clientId, clientSecret, apiKey } = emulator.credentials
    const integration: Integration = {
      ...avionte.integration,
      tokenUrl: emulator.tokenUrl,
      clientId,
      clientSecret,
      tokenRequest: { headers: { 'x-api-key': apiKey } },
    }
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken(integration)
    expect(outcome.ok).toBe(true)
    const sent = emulator.requests.at(-1)!
    expect(sent.headers['x-api-key']).toBe(apiKey)
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(sent.form).toEqual({
      grant_type: 'client_credentials',
      scope: 'avionte.aero.compasintegrationservice',
      client_id: clientId,
      client_secret: clientSecret,
    })
    expectNoSecrets(exchanges, [clientSecret, apiKey])
    expect(exchanges[0]!.request.headers).toContainEqual(['x-api-key', MASKED])
  })

  it('asks for the API key before sending when the x-api-key row was removed', async () => {
    const emulator = await started(startAvionteEmulator())
    const { clientId, clientSecret } = emulator.credentials
    const { engine, exchanges } = recordingEngine()
    const refused = await engine
      .getToken({
        ...avionte.integration,
        tokenUrl: emulator.tokenUrl,
        clientId,
        clientSecret,
        tokenRequest: { headers: {} },
      })
      .catch((error: unknown) => error as { message: string })
    expect(refused).toMatchObject({ message: expect.stringContaining('API key') })
    expect(exchanges).toHaveLength(0)
  })
})

describe('Altitude Angel preset', () => {
  const base = (emulator: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>): Integration => ({
    ...altitudeAngel.integration,
    tokenUrl: emulator.tokenUrl,
    authorizeUrl: emulator.authorizeUrl,
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    scope: ['query_mapdata', 'talk_tower'],
    api: { ...altitudeAngel.integration.api, baseUrl: emulator.url },
  })

  it('gets a 15-minute JWT, sending space-delimited scopes and the secret URL-encoded', async () => {
    const emulator = await started(startAltitudeAngelEmulator())
    const { engine } = recordingEngine()
    const outcome = await engine.getToken(base(emulator))
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token.expires_in).toBe(900)
    expect(outcome.jwt?.payload.scope).toBe('query_mapdata talk_tower')
    expect(emulator.requests.at(-1)!.body).toContain('scope=query_mapdata+talk_tower')
    expect(emulator.requests.at(-1)!.body).toContain(
      `client_secret=${encodeURIComponent(emulator.credentials.clientSecret)}`,
    )
  })

  it('names the undeclared scope when the vendor answers 401', async () => {
    const emulator = await started(startAltitudeAngelEmulator())
    const { engine } = recordingEngine()
    const outcome = await engine.getToken({ ...base(emulator), scope: ['query_mapdata', 'manage_users'] })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.status).toBe(401)
    const hint = outcome.diagnosis.hints.find((each) => each.code === 'scope-not-declared')
    expect(hint?.message).toContain('manage_users')
  })
})

describe('SkyKick presets', () => {
  for (const preset of [skykickPartner, skykickDistributor]) {
    it(`${preset.name}: Basic of user ID : subscription key plus the subscription-key header`, async () => {
      const emulator = await started(startSkyKickEmulator())
      const { userId, subscriptionKey } = emulator.credentials
      const integration: Integration = {
        ...preset.integration,
        tokenUrl: emulator.tokenUrl,
        basicAuth: { username: userId, password: subscriptionKey },
        api: { ...preset.integration.api, baseUrl: emulator.url },
      }
      const { engine, exchanges } = recordingEngine()
      const outcome = await engine.getToken(integration)
      expect(outcome.ok).toBe(true)
      const sent = emulator.requests.at(-1)!
      expect(sent.headers.authorization).toBe(
        `Basic ${Buffer.from(`${userId}:${subscriptionKey}`).toString('base64')}`,
      )
      expect(sent.headers['ocp-apim-subscription-key']).toBe(subscriptionKey)
      expect(sent.form).toEqual({ grant_type: 'client_credentials', scope: preset.integration.scope![0] })
      expectNoSecrets(exchanges, [subscriptionKey])
    })
  }

  it('explains the rate limit with the time to wait', async () => {
    const emulator = await started(startSkyKickEmulator({ tokenRateLimit: 2 }))
    const { userId, subscriptionKey } = emulator.credentials
    const integration: Integration = {
      ...skykickPartner.integration,
      tokenUrl: emulator.tokenUrl,
      basicAuth: { username: userId, password: subscriptionKey },
    }
    const { engine } = recordingEngine()
    // Asking afresh each time (no cache key) is exactly what the vendor's docs warn against.
    await engine.getToken(integration)
    await engine.getToken(integration)
    const limited = await engine.getToken(integration)
    expect(limited.ok).toBe(false)
    if (limited.ok) return
    expect(limited.diagnosis.status).toBe(429)
    const hint = limited.diagnosis.hints.find((each) => each.code === 'rate-limited')
    expect(hint?.message).toMatch(/retry after \d+ s/)
    expect(hint?.message).toContain('asked for 3 tokens in the last minute')
  })

  it('explains the gateway’s missing-subscription-key answer', async () => {
    const emulator = await started(startSkyKickEmulator())
    const { userId, subscriptionKey } = emulator.credentials
    const { engine } = recordingEngine()
    const outcome = await engine.getToken({
      ...skykickPartner.integration,
      tokenUrl: emulator.tokenUrl,
      basicAuth: { username: userId, password: subscriptionKey },
      tokenRequest: {},
    })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.vendor.message).toContain('missing subscription key')
    expect(outcome.diagnosis.hints.map((hint) => hint.code)).toContain('missing-required-header')
  })
})

describe('Autovit presets', () => {
  it('password grant: client credentials in Basic, user credentials in the body', async () => {
    const emulator = await started(startAutovitEmulator())
    const { clientId, clientSecret, username, password } = emulator.credentials
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken({
      ...autovitPassword.integration,
      tokenUrl: emulator.tokenUrl,
      clientId,
      clientSecret,
      username,
      password,
    })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.token).toMatchObject({
      token_type: 'bearer',
      expires_in: 43200,
      scope: 'adverts-write read',
    })
    expectNoSecrets(exchanges, [clientSecret, password])
  })

  it('custom partner grant: partner_code and partner_secret in the body', async () => {
    const emulator = await started(startAutovitEmulator())
    const { clientId, clientSecret, partnerCode, partnerSecret } = emulator.credentials
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken({
      ...autovitPartner.integration,
      tokenUrl: emulator.tokenUrl,
      clientId,
      clientSecret,
      tokenRequest: { params: { partner_code: partnerCode, partner_secret: partnerSecret } },
    })
    expect(outcome.ok).toBe(true)
    expect(emulator.requests.at(-1)!.form).toMatchObject({
      grant_type: 'partner',
      partner_code: partnerCode,
      partner_secret: partnerSecret,
    })
    expectNoSecrets(exchanges, [clientSecret, partnerSecret])
  })

  it('reads error_human_title into the summary of a refusal', async () => {
    const emulator = await started(startAutovitEmulator())
    const { clientId, clientSecret, partnerCode } = emulator.credentials
    const { engine } = recordingEngine()
    const outcome = await engine.getToken({
      ...autovitPartner.integration,
      tokenUrl: emulator.tokenUrl,
      clientId,
      clientSecret,
      tokenRequest: { params: { partner_code: partnerCode, partner_secret: 'wrong' } },
    })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      vendor: { error_human_title: 'Niepoprawna wartość' },
    })
    expect(outcome.diagnosis.summary).toContain('Niepoprawna wartość')
  })
})

describe('AffinityLive preset', () => {
  const base = (emulator: Awaited<ReturnType<typeof startAffinityLiveEmulator>>): Integration => ({
    ...affinityLive.integration,
    tokenUrl: emulator.tokenUrl,
    authorizeUrl: emulator.authorizeUrl,
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    api: { ...affinityLive.integration.api, baseUrl: emulator.url, tokenPlacement: 'query' },
  })

  it('falls back to query-parameter client credentials when chosen', async () => {
    const emulator = await started(startAffinityLiveEmulator())
    const { engine, exchanges } = recordingEngine()
    const outcome = await engine.getToken(
      { ...base(emulator), clientAuth: 'query' },
      { input: { code: emulator.issuePin() } },
    )
    expect(outcome.ok).toBe(true)
    expect(emulator.requests.at(-1)!.query).toMatchObject({
      client_id: emulator.credentials.clientId,
      client_secret: emulator.credentials.clientSecret,
    })
    expect(exchanges[0]!.request.url).toContain(`client_secret=${MASKED}`)
  })

  it('says the redirect_uri must match when the vendor answers invalid_grant', async () => {
    const emulator = await started(startAffinityLiveEmulator())
    const { engine } = recordingEngine()
    const pin = emulator.issuePin()
    const outcome = await engine.getToken(
      { ...base(emulator), redirectUri: 'http://127.0.0.1/other' },
      { input: { code: pin } },
    )
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.diagnosis.error).toBe('invalid_grant')
    expect(outcome.diagnosis.hints.map((hint) => hint.code)).toContain('redirect-uri-mismatch')
  })
})
