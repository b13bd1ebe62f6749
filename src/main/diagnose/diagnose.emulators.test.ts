import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AVIONTE_SCOPE,
  startAltitudeAngelEmulator,
  startAutovitEmulator,
  startAvionteEmulator,
  startSkyKickEmulator,
  type AltitudeAngelEmulator,
  type AutovitEmulator,
  type AvionteEmulator,
  type SkyKickEmulator,
} from '../sandbox/vendors'
import type { Diagnosis } from '../../shared/diagnosis'
import { performExchange } from '../http/exchange'
import { formBody } from '../http/formEncoding'
import { createMasker } from '../http/mask'
import { nodeTransport } from '../http/transport'
import type { DiagnosisContext } from './context'
import { diagnoseExchange } from './diagnose'

/**
 * The vendor emulators (built from vendor-docs/) answer real requests on 127.0.0.1; the exchange is
 * recorded and masked exactly as the engine does, then diagnosed.
 */
async function diagnosePost(
  url: string,
  params: Array<[string, string]>,
  context: DiagnosisContext,
  options: { headers?: Array<[string, string]>; secrets?: string[] } = {},
): Promise<{ diagnosis: Diagnosis; recorded: string }> {
  const headers: Array<[string, string]> = [
    // node:http adds no Host when headers come as an array; a real server then answers 400.
    ['Host', new URL(url).host],
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Accept', 'application/json'],
    ...(options.headers ?? []),
  ]
  const { exchange } = await performExchange(
    nodeTransport,
    { method: 'POST', url, headers, body: formBody(params) },
    {
      purpose: 'token',
      timeoutMs: 5000,
      maxResponseBytes: 1024 * 1024,
      masker: createMasker(options.secrets ?? []),
      now: Date.now,
    },
  )
  const diagnosis = diagnoseExchange(exchange, {
    ...context,
    sentHeaderNames: headers.map(([name]) => name.toLowerCase()),
  })
  return { diagnosis, recorded: JSON.stringify(exchange) }
}

function tokenContext(overrides: Partial<DiagnosisContext>): DiagnosisContext {
  return {
    purpose: 'token',
    grant: 'client_credentials',
    clientAuth: 'body',
    basicAuthOverride: false,
    secretSpecialChars: [],
    secretLooksPasted: false,
    requestedScopes: [],
    scopeSeparator: ' ',
    sentHeaderNames: [],
    ...overrides,
  }
}

const codes = (diagnosis: Diagnosis) => diagnosis.hints.map((hint) => hint.code)

let avionte: AvionteEmulator
let skykick: SkyKickEmulator
let altitudeAngel: AltitudeAngelEmulator
let autovit: AutovitEmulator

beforeAll(async () => {
  ;[avionte, skykick, altitudeAngel, autovit] = await Promise.all([
    startAvionteEmulator(),
    startSkyKickEmulator({ tokenRateLimit: 1 }),
    startAltitudeAngelEmulator(),
    startAutovitEmulator(),
  ])
})
afterAll(async () => {
  await Promise.all([avionte, skykick, altitudeAngel, autovit].map((emulator) => emulator?.close()))
})

describe('diagnoses of real vendor answers', () => {
  it('Avionté: a token request without x-api-key is the gateway’s 403', async () => {
    const { clientId, clientSecret } = avionte.credentials
    const { diagnosis } = await diagnosePost(
      avionte.tokenUrl,
      [
        ['grant_type', 'client_credentials'],
        ['client_id', clientId],
        ['client_secret', clientSecret],
        ['scope', AVIONTE_SCOPE],
      ],
      tokenContext({
        requestedScopes: [AVIONTE_SCOPE],
        preset: {
          id: 'avionte-bold',
          name: 'Avionté BOLD',
          scopeSeparator: ' ',
          requiredTokenHeaders: ['x-api-key'],
        },
      }),
      { secrets: [clientSecret] },
    )
    expect(diagnosis.summary).toBe('Avionté BOLD refused access (HTTP 403).')
    expect(codes(diagnosis)[0]).toBe('missing-required-header')
    expect(diagnosis.hints[0]?.message).toContain('requires the x-api-key header')
  })

  it('SkyKick: no subscription key, then the rate limit with its Retry-After', async () => {
    const { userId, subscriptionKey } = skykick.credentials
    const basic: [string, string] = [
      'Authorization',
      `Basic ${Buffer.from(`${userId}:${subscriptionKey}`).toString('base64')}`,
    ]
    const context = tokenContext({
      clientAuth: 'none',
      basicAuthOverride: true,
      secretSpecialChars: ['+', '/', '=', '&', '%'],
      requestedScopes: ['Partner'],
      preset: {
        id: 'skykick-partner',
        name: 'SkyKick (Partner)',
        scopeSeparator: ' ',
        requiredTokenHeaders: ['ocp-apim-subscription-key', 'authorization'],
      },
    })
    const params: Array<[string, string]> = [
      ['grant_type', 'client_credentials'],
      ['scope', 'Partner'],
    ]
    const missing = await diagnosePost(skykick.tokenUrl, params, context, {
      headers: [basic],
      secrets: [subscriptionKey],
    })
    expect(missing.diagnosis.summary).toMatch(
      /^SkyKick said: Access denied due to missing subscription key\..* \(HTTP 401\)\.$/,
    )
    expect(codes(missing.diagnosis)[0]).toBe('missing-required-header')
    expect(missing.diagnosis.hints[0]?.message).toContain('Ocp-Apim-Subscription-Key')

    const withKey = {
      headers: [basic, ['Ocp-Apim-Subscription-Key', subscriptionKey] as [string, string]],
      secrets: [subscriptionKey],
    }
    skykick.resetRateLimit()
    await diagnosePost(skykick.tokenUrl, params, context, withKey) // the one token the window allows
    const limited = await diagnosePost(
      skykick.tokenUrl,
      params,
      { ...context, recentTokenRequests: 2 },
      withKey,
    )
    expect(limited.diagnosis.status).toBe(429)
    expect(codes(limited.diagnosis)[0]).toBe('rate-limited')
    expect(limited.diagnosis.hints[0]?.message).toMatch(/reuse cached tokens .*; retry after \d+ s\./)
    expect(JSON.stringify(limited.diagnosis)).not.toContain(subscriptionKey)
  })

  it('Altitude Angel: an undeclared scope is a 401 naming the scope', async () => {
    const { clientId, clientSecret } = altitudeAngel.credentials
    const { diagnosis } = await diagnosePost(
      altitudeAngel.tokenUrl,
      [
        ['client_id', clientId],
        ['client_secret', clientSecret],
        ['grant_type', 'client_credentials'],
        ['scope', 'query_mapdata manage_users'],
      ],
      tokenContext({
        secretSpecialChars: ['+', '/', '=', '&', '%', 'é'],
        requestedScopes: ['query_mapdata', 'manage_users'],
        preset: {
          id: 'altitude-angel',
          name: 'Altitude Angel',
          scopeSeparator: ' ',
          requiredTokenHeaders: [],
        },
      }),
      { secrets: [clientSecret] },
    )
    expect(diagnosis.summary).toBe(
      'Altitude Angel said: Scope not declared for this client: query_mapdata manage_users (HTTP 401, invalid_scope).',
    )
    expect(diagnosis.errorDescription).toBe('Scope not declared for this client: query_mapdata manage_users')
    expect(codes(diagnosis)).toEqual(['scope-not-declared'])
  })

  it('Altitude Angel: a secret with + that lost its encoding is refused as invalid_client', async () => {
    const { clientId, clientSecret } = altitudeAngel.credentials
    // What arrives when a secret is pasted into a form unencoded: "+" decoded as a space.
    const mangled = clientSecret.replace('+', ' ')
    const { diagnosis, recorded } = await diagnosePost(
      altitudeAngel.tokenUrl,
      [
        ['client_id', clientId],
        ['client_secret', mangled],
        ['grant_type', 'client_credentials'],
        ['scope', 'query_mapdata'],
      ],
      tokenContext({
        secretSpecialChars: ['space', '/', '=', '&', '%', 'é'],
        requestedScopes: ['query_mapdata'],
        preset: {
          id: 'altitude-angel',
          name: 'Altitude Angel',
          scopeSeparator: ' ',
          requiredTokenHeaders: [],
        },
      }),
      { secrets: [mangled] },
    )
    expect(diagnosis.summary).toBe(
      'Altitude Angel said: Invalid client secret (is it URL-encoded?) (HTTP 401, invalid_client).',
    )
    expect(codes(diagnosis)[0]).toBe('secret-encoding')
    expect(diagnosis.hints[0]?.message).toContain(
      'Altitude Angel’s documentation asks for the secret to be encoded',
    )
    expect(recorded).not.toContain(encodeURIComponent(mangled))
  })

  it('Altitude Angel: a redirect_uri other than the authorization request’s', async () => {
    const { clientId, clientSecret } = altitudeAngel.credentials
    const code = altitudeAngel.issueCode({ redirectUri: 'http://127.0.0.1/callback' })
    const { diagnosis } = await diagnosePost(
      altitudeAngel.tokenUrl,
      [
        ['client_id', clientId],
        ['client_secret', clientSecret],
        ['grant_type', 'authorization_code'],
        ['code', code],
        ['redirect_uri', 'http://127.0.0.1/other'],
      ],
      tokenContext({ grant: 'authorization_code', redirectUri: 'http://127.0.0.1/other' }),
      { secrets: [clientSecret] },
    )
    expect(diagnosis.error).toBe('invalid_grant')
    expect(codes(diagnosis)).toEqual(['redirect-uri-mismatch'])
    expect(diagnosis.hints[0]?.message).toContain('The redirect_uri sent (http://127.0.0.1/other) differs')
  })

  it('Autovit: the documented invalid partner credentials error', async () => {
    const { clientId, clientSecret, partnerCode } = autovit.credentials
    const { diagnosis } = await diagnosePost(
      autovit.tokenUrl,
      [
        ['client_id', clientId],
        ['client_secret', clientSecret],
        ['partner_code', partnerCode],
        ['partner_secret', 'not-the-partner-secret'],
        ['grant_type', 'partner'],
      ],
      tokenContext({
        grant: 'partner',
        preset: {
          id: 'autovit-partner',
          name: 'Autovit (partner)',
          scopeSeparator: ' ',
          requiredTokenHeaders: [],
        },
      }),
      { secrets: [clientSecret, 'not-the-partner-secret'] },
    )
    expect(diagnosis.summary).toBe(
      'Autovit said: Niepoprawna wartość — Invalid partner credentials parameter (HTTP 400, invalid_grant).',
    )
    expect(codes(diagnosis)).toEqual(['grant-credentials-refused'])
  })
})
