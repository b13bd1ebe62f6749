import { describe, expect, it } from 'vitest'
import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import { formBody, formEncode } from '../http/formEncoding'
import { createMasker } from '../http/mask'
import type { DiagnosisContext } from './context'
import { diagnoseExchange, diagnoseInvalidTokenResponse } from './diagnose'

const STARTED_AT = '2026-03-11T09:30:00.000Z'
const STARTED_MS = Date.parse(STARTED_AT)

interface Recorded {
  url: string
  method?: string
  purpose?: Exchange['purpose']
  requestHeaders?: Array<[string, string]>
  requestBody?: string | null
  status: number
  statusText?: string
  headers?: Array<[string, string]>
  body: string | object
  /** Secrets the masker knows, as the engine would pass them. */
  secrets?: string[]
}

/** An exchange as the engine records it: request and response through the masker. */
function recorded(spec: Recorded): Exchange {
  const masker = createMasker(spec.secrets ?? [])
  const body = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body)
  const isJson = typeof spec.body !== 'string'
  return {
    id: 'exchange-1',
    purpose: spec.purpose ?? 'token',
    startedAt: STARTED_AT,
    durationMs: 120,
    request: masker.request({
      method: spec.method ?? 'POST',
      url: spec.url,
      headers: spec.requestHeaders ?? [['Content-Type', 'application/x-www-form-urlencoded']],
      body: spec.requestBody === undefined ? null : spec.requestBody,
    }),
    response: masker.response({
      status: spec.status,
      statusText: spec.statusText ?? '',
      headers: spec.headers ?? (isJson ? [['Content-Type', 'application/json; charset=utf-8']] : []),
      body,
      truncated: false,
    }),
  }
}

function context(overrides: Partial<DiagnosisContext> = {}): DiagnosisContext {
  return {
    purpose: 'token',
    grant: 'client_credentials',
    clientAuth: 'basic',
    basicAuthOverride: false,
    secretSpecialChars: [],
    secretLooksPasted: false,
    requestedScopes: [],
    scopeSeparator: ' ',
    sentHeaderNames: ['content-type', 'authorization'],
    ...overrides,
  }
}

const codes = (diagnosis: Diagnosis): string[] => diagnosis.hints.map((hint) => hint.code)

function hint(diagnosis: Diagnosis, code: string): string {
  const found = diagnosis.hints.find((each) => each.code === code)
  if (!found) throw new Error(`No "${code}" hint; got ${codes(diagnosis).join(', ') || 'none'}`)
  return found.message
}

/** Every diagnosis: one hint per code, and a summary that is one sentence ending in a full stop. */
function expectWellFormed(diagnosis: Diagnosis): void {
  expect(new Set(codes(diagnosis)).size).toBe(diagnosis.hints.length)
  expect(diagnosis.summary).toMatch(/[.)]$/)
  expect(diagnosis.summary).not.toMatch(/\n/)
}

function diagnose(exchange: Exchange, ctx: DiagnosisContext): Diagnosis {
  const diagnosis = diagnoseExchange(exchange, ctx)
  expectWellFormed(diagnosis)
  return diagnosis
}

describe('Autovit (vendor-docs/003)', () => {
  const autovitPartner = context({
    grant: 'partner',
    clientAuth: 'body',
    sentHeaderNames: ['content-type'],
    preset: {
      id: 'autovit-partner',
      name: 'Autovit (partner)',
      scopeSeparator: ' ',
      requiredTokenHeaders: [],
    },
  })
  const partnerRequest = formBody([
    ['client_id', '123'],
    ['client_secret', '02468abcdef'],
    ['partner_code', 'partner-name'],
    ['partner_secret', 'secret-code'],
    ['grant_type', 'partner'],
  ])
  // The documented error response, byte for byte.
  const documentedError = {
    error: 'invalid_grant',
    error_description: 'Invalid partner credentials parameter',
    error_human_title: 'Niepoprawna wartość',
    error_human_message: '',
  }

  it('reads the documented 400 aloud with the human title, dropping the empty human message', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://www.autovit.ro/api/open/oauth/token',
        requestBody: partnerRequest,
        status: 400,
        statusText: 'Bad request',
        body: documentedError,
        secrets: ['02468abcdef', 'secret-code'],
      }),
      autovitPartner,
    )
    expect(diagnosis.summary).toBe(
      'Autovit said: Niepoprawna wartość — Invalid partner credentials parameter (HTTP 400, invalid_grant).',
    )
    expect(diagnosis).toMatchObject({
      kind: 'oauth-error',
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Invalid partner credentials parameter',
      vendor: { error_human_title: 'Niepoprawna wartość' },
    })
    expect(diagnosis.vendor).not.toHaveProperty('error_human_message')
  })

  it('points at the partner code and secret, not the client credentials, for invalid_grant on the partner grant', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://www.autovit.ro/api/open/oauth/token',
        requestBody: partnerRequest,
        status: 400,
        body: documentedError,
      }),
      autovitPartner,
    )
    expect(codes(diagnosis)[0]).toBe('grant-credentials-refused')
    expect(hint(diagnosis, 'grant-credentials-refused')).toContain('check partner_code and partner_secret')
    expect(codes(diagnosis)).not.toContain('secret-encoding')
  })

  it('names the grants Autovit allows when another grant type is sent', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://www.autovit.ro/api/open/oauth/token',
        requestBody: 'grant_type=client_credentials&client_id=123&client_secret=x',
        status: 400,
        body: {
          ...documentedError,
          error: 'unsupported_grant_type',
          error_description: 'Grant type "client_credentials" not supported',
        },
      }),
      { ...autovitPartner, grant: 'client_credentials' },
    )
    expect(codes(diagnosis)[0]).toBe('unsupported-grant')
    expect(hint(diagnosis, 'unsupported-grant')).toContain('does not accept the grant "client_credentials"')
    expect(hint(diagnosis, 'unsupported-grant')).toContain('Autovit allows only "password" and "partner"')
  })
})

describe('SkyKick behind Azure API Management (vendor-docs/002)', () => {
  const skykick = (overrides: Partial<DiagnosisContext> = {}) =>
    context({
      clientAuth: 'none',
      basicAuthOverride: true,
      secretSpecialChars: ['+', '/', '=', '&', '%'],
      requestedScopes: ['Partner'],
      sentHeaderNames: ['authorization', 'content-type'],
      preset: {
        id: 'skykick-partner',
        name: 'SkyKick (Partner)',
        scopeSeparator: ' ',
        requiredTokenHeaders: ['ocp-apim-subscription-key', 'authorization'],
      },
      ...overrides,
    })
  const missingKey = {
    statusCode: 401,
    message:
      'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
  }

  it('tells the agent the Ocp-Apim-Subscription-Key header is missing, in the gateway’s own words', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://apis.skykick.com/auth/token',
        requestHeaders: [
          [
            'Authorization',
            `Basic ${Buffer.from('4f3d7c7b:1476aca7+9446/4056=ba8a&a6a1%9f21').toString('base64')}`,
          ],
          ['Content-Type', 'application/x-www-form-urlencoded'],
        ],
        requestBody: 'grant_type=client_credentials&scope=Partner',
        status: 401,
        statusText: 'Access Denied',
        body: missingKey,
        secrets: ['1476aca7+9446/4056=ba8a&a6a1%9f21'],
      }),
      skykick(),
    )
    expect(diagnosis.summary).toBe(
      'SkyKick said: Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API (HTTP 401).',
    )
    expect(diagnosis.kind).toBe('http-error')
    expect(diagnosis.vendor).toEqual({ message: missingKey.message, statusCode: '401' })
    expect(codes(diagnosis)[0]).toBe('missing-required-header')
    expect(hint(diagnosis, 'missing-required-header')).toContain(
      'requires the Ocp-Apim-Subscription-Key header',
    )
    // The gateway refused before looking at the Basic credentials: no advice about them.
    expect(codes(diagnosis)).not.toContain('secret-encoding')
    expect(codes(diagnosis)).not.toContain('scope-not-declared')
  })

  it('names the subscription-key header from the gateway’s message even without a preset', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://apis.skykick.com/Alerts',
        method: 'GET',
        purpose: 'api',
        status: 401,
        body: missingKey,
      }),
      context({ purpose: 'api', preset: undefined }),
    )
    expect(hint(diagnosis, 'missing-required-header')).toContain('Ocp-Apim-Subscription-Key header')
    expect(hint(diagnosis, 'missing-required-header')).toContain('every API call')
    expect(codes(diagnosis)).not.toContain('token-not-accepted')
  })

  it('says to reuse cached tokens and when to retry on 429, from Retry-After in seconds', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://apis.skykick.com/auth/token',
        status: 429,
        statusText: 'Too Many Requests',
        headers: [
          ['Content-Type', 'application/json'],
          ['Retry-After', '42'],
        ],
        body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 42 seconds.' },
      }),
      skykick({
        sentHeaderNames: ['authorization', 'ocp-apim-subscription-key', 'content-type'],
        recentTokenRequests: 6,
      }),
    )
    expect(diagnosis.summary).toBe(
      'SkyKick said: Rate limit is exceeded. Try again in 42 seconds (HTTP 429).',
    )
    expect(codes(diagnosis)[0]).toBe('rate-limited')
    const message = hint(diagnosis, 'rate-limited')
    expect(message).toContain('reuse cached tokens')
    expect(message).toContain('retry after 42 s')
    expect(message).toContain('asked for 6 tokens in the last minute')
    expect(message).toContain('SkyKick')
  })

  it('reads Retry-After as an HTTP date against the server’s own Date header', () => {
    const serverNow = new Date(STARTED_MS + 3_600_000) // our clock is an hour behind: must not matter
    const diagnosis = diagnose(
      recorded({
        url: 'https://apis.skykick.com/auth/token',
        status: 429,
        headers: [
          ['Date', serverNow.toUTCString()],
          ['Retry-After', new Date(serverNow.getTime() + 120_000).toUTCString()],
        ],
        body: '',
      }),
      skykick({ sentHeaderNames: ['authorization', 'ocp-apim-subscription-key'] }),
    )
    expect(diagnosis.summary).toBe('SkyKick is rate-limiting token requests (HTTP 429).')
    expect(hint(diagnosis, 'rate-limited')).toContain('retry after 2 min')
    expect(hint(diagnosis, 'rate-limited')).not.toContain('in the last minute')
  })

  it('reports an expired API token from the Bearer challenge when the body has no OAuth error', () => {
    const exp = STARTED_MS / 1000 - 300
    const diagnosis = diagnose(
      recorded({
        url: 'https://apis.skykick.com/Alerts',
        method: 'GET',
        purpose: 'api',
        status: 401,
        headers: [
          ['Content-Type', 'application/json'],
          [
            'WWW-Authenticate',
            'Bearer realm="skykick", error="invalid_token", error_description="The access token expired"',
          ],
        ],
        body: { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' },
      }),
      skykick({
        purpose: 'api',
        sentHeaderNames: ['authorization', 'ocp-apim-subscription-key'],
        tokenTimes: { exp },
      }),
    )
    expect(diagnosis).toMatchObject({
      kind: 'oauth-error',
      error: 'invalid_token',
      errorDescription: 'The access token expired',
    })
    expect(diagnosis.summary).toBe(
      'SkyKick said: Unauthorized. Access token is missing or invalid (HTTP 401, invalid_token).',
    )
    expect(codes(diagnosis)[0]).toBe('expired-token')
    expect(hint(diagnosis, 'expired-token')).toContain('expired 5 min before this call')
    expect(hint(diagnosis, 'expired-token')).toContain('retries once')
  })
})

describe('Altitude Angel (vendor-docs/001)', () => {
  const secret = 'Zx9+q&ab/c'
  const altitudeAngel = (overrides: Partial<DiagnosisContext> = {}) =>
    context({
      clientAuth: 'body',
      secretSpecialChars: ['+', '&', '/'],
      requestedScopes: ['query_mapdata', 'manage_users'],
      sentHeaderNames: ['content-type'],
      preset: { id: 'altitude-angel', name: 'Altitude Angel', scopeSeparator: ' ', requiredTokenHeaders: [] },
      ...overrides,
    })
  const tokenRequest = formBody([
    ['client_id', 'tokendesk'],
    ['client_secret', secret],
    ['grant_type', 'client_credentials'],
    ['scope', 'query_mapdata manage_users'],
  ])

  it('explains a 401 for scopes not declared in the developer portal, naming them', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.altitudeangel.com/oauth/v2/token',
        requestBody: tokenRequest,
        status: 401,
        body: {
          error: 'invalid_scope',
          error_description: 'Scope not declared for this client: manage_users',
        },
        secrets: [secret],
      }),
      altitudeAngel(),
    )
    expect(diagnosis.summary).toBe(
      'Altitude Angel said: Scope not declared for this client: manage_users (HTTP 401, invalid_scope).',
    )
    expect(codes(diagnosis)[0]).toBe('scope-not-declared')
    const message = hint(diagnosis, 'scope-not-declared')
    expect(message).toContain('"query_mapdata" and "manage_users"')
    expect(message).toContain('Altitude Angel’s developer portal')
    expect(message).toContain('Altitude Angel answers 401')
    // Spaces are what Altitude Angel documents: no separator advice, no credential advice.
    expect(codes(diagnosis)).toEqual(['scope-not-declared'])
  })

  it('names the + and & of a refused secret sent in the body, and how to send it encoded once more', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.altitudeangel.com/oauth/v2/token',
        requestBody: tokenRequest,
        status: 401,
        headers: [['Content-Type', 'application/json']],
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
        secrets: [secret],
      }),
      altitudeAngel(),
    )
    expect(diagnosis.summary).toBe(
      'Altitude Angel said: Client authentication failed (HTTP 401, invalid_client).',
    )
    expect(codes(diagnosis)[0]).toBe('secret-encoding')
    const message = hint(diagnosis, 'secret-encoding')
    expect(message).toContain('Your client secret contains "+", "&" and "/"')
    expect(message).toContain('TokenDesk does that')
    expect(message).toContain('"+" as %2B')
    expect(codes(diagnosis)).toContain('client-auth-style')
    expect(codes(diagnosis).indexOf('client-auth-style')).toBeGreaterThan(
      codes(diagnosis).indexOf('secret-encoding'),
    )
  })

  it('suggests the request body when a secret with + and & went in a Basic header, once', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.altitudeangel.com/oauth/v2/token',
        requestHeaders: [
          ['Authorization', `Basic ${Buffer.from(`tokendesk:${formEncode(secret)}`).toString('base64')}`],
          ['Content-Type', 'application/x-www-form-urlencoded'],
        ],
        requestBody: 'grant_type=client_credentials&scope=query_mapdata',
        status: 401,
        headers: [['WWW-Authenticate', 'Basic realm="altitudeangel"']],
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
        secrets: [secret],
      }),
      altitudeAngel({
        clientAuth: 'basic',
        requestedScopes: ['query_mapdata'],
        secretSpecialChars: ['+', '&'],
      }),
    )
    const message = hint(diagnosis, 'secret-encoding')
    expect(message).toContain('Your client secret contains "+" and "&"')
    expect(message).toContain(
      'this server may not decode Basic credentials that way: try sending them in the body',
    )
    expect(message).toContain('try sending them in the body (“Send client credentials”: “In the form body”)')
    expect(codes(diagnosis)).not.toContain('client-auth-style') // same advice, said once
  })

  it('never repeats the secret or the Authorization header value', () => {
    const basic = Buffer.from(`tokendesk:${formEncode(secret)}`).toString('base64')
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.altitudeangel.com/oauth/v2/token',
        requestHeaders: [['Authorization', `Basic ${basic}`]],
        requestBody: tokenRequest,
        status: 401,
        body: { error: 'invalid_client', error_description: `Bad secret ${secret}` },
        secrets: [secret],
      }),
      altitudeAngel(),
    )
    const text = JSON.stringify(diagnosis)
    for (const form of [secret, encodeURIComponent(secret), formEncode(secret), basic])
      expect(text).not.toContain(form)
  })

  it('lists a bare 401 on a token call with scopes as a possible undeclared scope, after the credential hints', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.altitudeangel.com/oauth/v2/token',
        requestBody: tokenRequest,
        status: 401,
        body: '',
      }),
      altitudeAngel(),
    )
    expect(diagnosis.summary).toBe('Altitude Angel refused the credentials (HTTP 401).')
    expect(codes(diagnosis)).toEqual(['secret-encoding', 'scope-not-declared'])
    expect(hint(diagnosis, 'scope-not-declared')).toMatch(
      /^If the credentials are right, the scopes "query_mapdata"/,
    )
  })

  it('asks to remove quotes or spaces pasted around the secret', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.altitudeangel.com/oauth/v2/token',
        requestBody: tokenRequest,
        status: 400,
        body: { error: 'invalid_client' },
      }),
      altitudeAngel({ secretLooksPasted: true, secretSpecialChars: ['space'] }),
    )
    expect(codes(diagnosis).slice(0, 2)).toEqual(['secret-pasted', 'secret-encoding'])
    expect(hint(diagnosis, 'secret-pasted')).toContain('remove the quotes/spaces around the secret')
  })
})

describe('Avionté BOLD behind its API gateway (vendor-docs/000)', () => {
  const avionte = (overrides: Partial<DiagnosisContext> = {}) =>
    context({
      clientAuth: 'body',
      requestedScopes: ['avionte.aero.compasintegrationservice'],
      sentHeaderNames: ['accept', 'content-type'],
      preset: {
        id: 'avionte-bold',
        name: 'Avionté BOLD',
        scopeSeparator: ' ',
        requiredTokenHeaders: ['x-api-key'],
      },
      ...overrides,
    })

  it('explains the gateway’s bare 403 Forbidden as the missing x-api-key header', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://api.avionte.com/authorize/token',
        requestBody:
          'grant_type=client_credentials&client_id=partner&client_secret=x&scope=avionte.aero.compasintegrationservice',
        status: 403,
        statusText: 'Forbidden',
        body: { message: 'Forbidden' },
      }),
      avionte(),
    )
    // "Forbidden" only repeats the status line: the summary uses plain words instead.
    expect(diagnosis.summary).toBe('Avionté BOLD refused access (HTTP 403).')
    expect(diagnosis.vendor).toEqual({ message: 'Forbidden' })
    expect(codes(diagnosis)).toEqual(['missing-required-header', 'forbidden'])
    expect(hint(diagnosis, 'missing-required-header')).toBe(
      'Avionté BOLD requires the x-api-key header on the token request, and it was not sent: add it to the token request’s headers.',
    )
    expect(hint(diagnosis, 'forbidden')).toContain('AWS API Gateway')
  })

  it('says the token endpoint needs a form body when JSON was sent', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://api.avionte.com/authorize/token',
        requestHeaders: [
          ['Content-Type', 'application/json'],
          ['x-api-key', 'av-gw-key+4f9a/0c1='],
        ],
        requestBody: '{"grant_type":"client_credentials"}',
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'Content-Type must be application/x-www-form-urlencoded',
        },
        secrets: ['av-gw-key+4f9a/0c1='],
      }),
      avionte({ sentHeaderNames: ['content-type', 'x-api-key'] }),
    )
    expect(diagnosis.summary).toBe(
      'Avionté BOLD said: Content-Type must be application/x-www-form-urlencoded (HTTP 400, invalid_request).',
    )
    expect(codes(diagnosis)[0]).toBe('wrong-content-type')
    expect(hint(diagnosis, 'wrong-content-type')).toContain(
      'but the request said Content-Type: application/json',
    )
  })

  it('explains an unexplained 400 by pointing at the documentation', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://api.avionte.com/authorize/token',
        status: 400,
        statusText: 'Bad Request',
        body: '',
      }),
      avionte({ sentHeaderNames: ['content-type', 'x-api-key'] }),
    )
    expect(diagnosis.summary).toBe('Avionté BOLD refused the request (HTTP 400).')
    expect(codes(diagnosis)).toEqual(['compare-with-docs'])
  })
})

describe('AffinityLive (vendor-docs/004)', () => {
  const affinityLive = (overrides: Partial<DiagnosisContext> = {}) =>
    context({
      grant: 'authorization_code',
      clientAuth: 'basic',
      requestedScopes: ['companies', 'contacts'],
      scopeSeparator: ',',
      redirectUri: 'http://127.0.0.1:53682/callback',
      preset: { id: 'affinitylive', name: 'AffinityLive', scopeSeparator: ',', requiredTokenHeaders: [] },
      ...overrides,
    })

  it('names the redirect_uri that differs from the authorization request', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://hq.local.affinitylive.com/oauth2/v0/token',
        requestBody:
          'grant_type=authorization_code&code=abc123&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback',
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description: 'redirect_uri does not match the authorization request',
        },
      }),
      affinityLive(),
    )
    expect(diagnosis.summary).toBe(
      'AffinityLive said: redirect_uri does not match the authorization request (HTTP 400, invalid_grant).',
    )
    expect(codes(diagnosis)).toEqual(['redirect-uri-mismatch'])
    expect(hint(diagnosis, 'redirect-uri-mismatch')).toContain(
      'The redirect_uri sent (http://127.0.0.1:53682/callback) differs',
    )
  })

  it('explains a refused code as used twice, expired or a different redirect_uri', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://hq.local.affinitylive.com/oauth2/v0/token',
        requestBody: 'grant_type=authorization_code&code=abc123',
        status: 400,
        body: { error: 'invalid_grant', error_description: 'The code is invalid, expired or already used' },
      }),
      affinityLive(),
    )
    expect(hint(diagnosis, 'redirect-uri-mismatch')).toContain(
      'a code works only once and expires within minutes',
    )
  })

  it('tells that AffinityLive separates scopes with commas when spaces were used', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://hq.local.affinitylive.com/oauth2/v0/token',
        status: 400,
        body: { error: 'invalid_scope', error_description: 'Unknown scope: companies contacts' },
      }),
      affinityLive({ scopeSeparator: ' ', grant: 'client_credentials' }),
    )
    expect(codes(diagnosis).slice(0, 2)).toEqual(['scope-not-declared', 'scope-separator'])
    expect(hint(diagnosis, 'scope-separator')).toBe(
      'AffinityLive separates scopes with commas, but this integration joins them with spaces: set the scope separator to commas.',
    )
  })

  it('recognises a refused refresh token from what was sent, whatever the integration’s grant', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://hq.local.affinitylive.com/oauth2/v0/token',
        requestBody: 'grant_type=refresh_token&refresh_token=r-1',
        status: 400,
        body: { error: 'invalid_grant', error_description: 'The refresh token is invalid' },
      }),
      affinityLive(),
    )
    expect(codes(diagnosis)).toEqual(['refresh-token-refused'])
  })

  it('says a refused refresh token was replaced by rotation, and when, and points to a new sign-in — never to itself', () => {
    const refused = recorded({
      url: 'https://vendor.test/token',
      requestBody: 'grant_type=refresh_token&refresh_token=r-old',
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'The refresh token is invalid, expired or already used',
      },
    })
    const replaced = hint(
      diagnose(
        refused,
        context({
          grant: 'refresh_token',
          refreshTokenFate: { fate: 'replaced', at: '2026-11-24T10:05:00.000Z' },
        }),
      ),
      'refresh-token-refused',
    )
    expect(replaced).toContain('This refresh token was replaced by a newer one on 2026-11-24 10:05 UTC')
    expect(replaced).toContain('sign in again with the authorization-code flow')
    const unknown = hint(diagnose(refused, context({ grant: 'refresh_token' })), 'refresh-token-refused')
    expect(unknown).toContain('expired, was revoked, or was already used')
    expect(unknown).not.toMatch(/own grant/)
  })
})

describe('answers that are not OAuth JSON', () => {
  const loginPage =
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign in &ndash; Contoso &amp; Co</title></head><body><form>…</form></body></html>'

  it('recognises a sign-in page returned with 200 as the authorize URL used as Token URL', () => {
    const exchange = recorded({
      url: 'https://login.contoso.test/oauth2/authorize',
      status: 200,
      headers: [['Content-Type', 'text/html; charset=utf-8']],
      body: loginPage,
    })
    const diagnosis = diagnoseInvalidTokenResponse(
      exchange,
      context(),
      'The server answered with an HTML page instead of a JSON token response.',
    )
    expectWellFormed(diagnosis)
    expect(diagnosis.kind).toBe('invalid-response')
    expect(diagnosis.summary).toBe(
      'The vendor answered with a web page titled "Sign in – Contoso & Co" instead of a token (HTTP 200).',
    )
    expect(diagnosis.vendor).toEqual({ 'page title': 'Sign in – Contoso & Co' })
    expect(codes(diagnosis)).toEqual(['html-response'])
    expect(hint(diagnosis, 'html-response')).toContain(
      'the authorize (sign-in) URL may have been entered as the Token URL',
    )
  })

  it('reads a proxy’s HTML error page and calls the 502 a vendor-side problem', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.vendor.test/token',
        status: 502,
        headers: [['Content-Type', 'text/html']],
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
      }),
      context(),
    )
    expect(diagnosis.summary).toBe(
      'The vendor answered with a web page titled "502 Bad Gateway" instead of an OAuth answer (HTTP 502).',
    )
    expect(codes(diagnosis)).toEqual(['server-error'])
    expect(hint(diagnosis, 'server-error')).toContain('not your configuration')
    expect(hint(diagnosis, 'server-error')).toContain(STARTED_AT)
  })

  it('calls a 500 a vendor-side problem to retry later', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.vendor.test/token',
        status: 500,
        body: { error: 'server_error', error_description: 'Unexpected error' },
      }),
      context(),
    )
    expect(diagnosis.summary).toBe('The vendor said: Unexpected error (HTTP 500, server_error).')
    expect(hint(diagnosis, 'server-error')).toContain('Retry later')
  })

  it('quotes a plain-text 503 and reads its Retry-After', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.vendor.test/token',
        status: 503,
        headers: [
          ['Content-Type', 'text/plain'],
          ['Retry-After', '120'],
        ],
        body: 'upstream connect error or disconnect/reset before headers.\n',
      }),
      context(),
    )
    expect(diagnosis.summary).toBe(
      'The vendor said: upstream connect error or disconnect/reset before headers (HTTP 503).',
    )
    expect(hint(diagnosis, 'server-error')).toContain('Retry after 2 min')
  })

  it('treats an OAuth error sent with 200 and form-encoded (old GitHub) as the error it is', () => {
    const exchange = recorded({
      url: 'https://github.com/login/oauth/access_token',
      status: 200,
      headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']],
      body: 'error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.&error_uri=https%3A%2F%2Fdocs.github.com',
    })
    const diagnosis = diagnoseInvalidTokenResponse(exchange, context(), 'The response is not a JSON object.')
    expect(diagnosis.kind).toBe('oauth-error')
    expect(diagnosis.summary).toBe(
      'The vendor said: The code passed is incorrect or expired (HTTP 200, bad_verification_code).',
    )
  })

  it('recognises the discovery document answering in place of the token endpoint', () => {
    const diagnosis = diagnoseInvalidTokenResponse(
      recorded({
        url: 'https://idp.test/.well-known/openid-configuration',
        status: 200,
        body: {
          issuer: 'https://idp.test',
          token_endpoint: 'https://idp.test/token',
          authorization_endpoint: 'https://idp.test/auth',
        },
      }),
      context(),
      'The response has no "access_token".',
    )
    expect(diagnosis.summary).toBe('The response has no "access_token" (HTTP 200).')
    expect(hint(diagnosis, 'wrong-token-url')).toContain('use its "token_endpoint"')
  })

  it('names where a redirect pointed, without its query', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'http://auth.vendor.test/token',
        status: 301,
        headers: [['Location', 'https://auth.vendor.test/token?session=abc']],
        body: '',
      }),
      context(),
    )
    expect(diagnosis.summary).toBe(
      'The vendor redirected the request to https://auth.vendor.test/token instead of answering it (HTTP 301).',
    )
    expect(JSON.stringify(diagnosis)).not.toContain('session=abc')
    expect(codes(diagnosis)).toEqual(['redirected'])
  })
})

describe('API calls', () => {
  const api = (overrides: Partial<DiagnosisContext> = {}) =>
    context({ purpose: 'api', sentHeaderNames: ['authorization', 'accept'], ...overrides })

  it('blames the clock when the token is not valid yet by this computer’s time', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://api.altitudeangel.com/v2/flightreports',
        method: 'GET',
        purpose: 'api',
        status: 401,
        headers: [
          [
            'WWW-Authenticate',
            'Bearer error="invalid_token", error_description="The token is not valid yet"',
          ],
        ],
        body: '',
      }),
      api({
        tokenTimes: { nbf: STARTED_MS / 1000 + 180, exp: STARTED_MS / 1000 + 900 },
        clockSkewSeconds: 178,
      }),
    )
    expect(codes(diagnosis).slice(0, 2)).toEqual(['clock-skew', 'expired-token'])
    const message = hint(diagnosis, 'clock-skew')
    expect(message).toContain('nbf (not valid before) is 3 min in the future')
    expect(message).toContain('differs from the server’s by 2 min (the server is ahead)')
  })

  it('asks for the scope named in an insufficient_scope challenge', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://api.vendor.test/reports',
        method: 'GET',
        purpose: 'api',
        status: 403,
        headers: [
          ['WWW-Authenticate', 'Bearer realm="api", error="insufficient_scope", scope="reports.read"'],
        ],
        body: '',
      }),
      api(),
    )
    expect(diagnosis.summary).toBe(
      'The API needs a scope the access token does not have (HTTP 403, insufficient_scope).',
    )
    expect(codes(diagnosis)[0]).toBe('insufficient-scope')
    expect(hint(diagnosis, 'insufficient-scope')).toContain('(the API asks for "reports.read")')
    expect(codes(diagnosis)).not.toContain('forbidden')
  })

  it('reads RFC 7807 problem details', () => {
    const diagnosis = diagnose(
      recorded({
        url: 'https://api.vendor.test/orders',
        method: 'GET',
        purpose: 'api',
        status: 401,
        headers: [['Content-Type', 'application/problem+json']],
        body: {
          type: 'about:blank',
          title: 'Token rejected',
          detail: 'The token audience is not this API.',
          status: 401,
        },
      }),
      api(),
    )
    expect(diagnosis.summary).toBe(
      'The API said: Token rejected — The token audience is not this API (HTTP 401).',
    )
    expect(codes(diagnosis)).toEqual(['token-not-accepted'])
  })
})

describe('device flow (RFC 8628)', () => {
  it('explains slow_down as polling too often', () => {
    const diagnosis = diagnose(
      recorded({ url: 'https://idp.test/token', status: 400, body: { error: 'slow_down' } }),
      context({ grant: 'device_code', clientAuth: 'none' }),
    )
    expect(diagnosis.summary).toBe('The vendor asked to poll more slowly (HTTP 400, slow_down).')
    expect(codes(diagnosis)).toEqual(['device-flow'])
  })
})

describe('hostile answers', () => {
  it('reads the title of a 2 MB page of repeated unclosed <title> tags, and of one with a late title', () => {
    const hostile = '<html><title>'.repeat(150_000)
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.vendor.test/token',
        status: 502,
        headers: [['Content-Type', 'text/html']],
        body: hostile,
      }),
      context(),
    )
    expectWellFormed(diagnosis)
    expect(diagnosis.summary).toBe(
      'The vendor answered with a web page instead of an OAuth answer (HTTP 502).',
    )
  })

  it('names the vendor’s refusal when its error code is a name Object.prototype also has', () => {
    for (const error of ['constructor', 'valueof', 'propertyisenumerable']) {
      const diagnosis = diagnose(
        recorded({ url: 'https://auth.vendor.test/token', status: 400, body: { error } }),
        context({ grant: 'device_code' }),
      )
      expectWellFormed(diagnosis)
      expect(diagnosis.summary).toBe(
        `The vendor refused the request with the error "${error}" (HTTP 400, ${error}).`,
      )
      expect(structuredClone(diagnosis)).toEqual(diagnosis)
    }
  })

  it('quotes a vendor sentence that ends in a long run of spaces and stops', () => {
    const description = `Client is disabled${' '.repeat(100_000)}x${'. '.repeat(100_000)}`
    const diagnosis = diagnose(
      recorded({
        url: 'https://auth.vendor.test/token',
        status: 400,
        body: { error: 'invalid_client', error_description: description, message: description },
      }),
      context(),
    )
    expect(diagnosis.summary).toBe('The vendor said: Client is disabled x (HTTP 400, invalid_client).')
  })
})
