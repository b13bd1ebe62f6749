/**
 * Altitude Angel OAuth 2.0 emulator (client_credentials, authorization_code with a login page,
 * refresh_token; RS256 JWT access tokens).
 * Source: /work/shared/vendor-docs/001_2b048d41d41dd94e.txt ("OAuth 2.0 Bearer Tokens").
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose'
import {
  createRecorder,
  duplicateKeys,
  isFormUrlEncoded,
  parseBasic,
  redirect,
  sendHtml,
  sendJson,
  startTestServer,
  type BaseEmulator,
} from '../lib/testServer'
import {
  bearerChallenge,
  bearerToken,
  escapeHtml,
  htmlPage,
  methodNotAllowed,
  notFound,
  oauthError,
  param,
  randomToken,
  safeEqual,
  splitScope,
  TokenStore,
  withParams,
} from '../lib/oauth'

export const ALTITUDE_ANGEL_TOKEN_PATH = '/oauth/v2/token'
export const ALTITUDE_ANGEL_AUTHORIZE_PATH = '/oauth/v2/authorize'
export const ALTITUDE_ANGEL_DECISION_PATH = '/oauth/v2/authorize/decision'
/** Assumption: the doc publishes no key set; tests need one to check signatures. */
export const ALTITUDE_ANGEL_JWKS_PATH = '/.well-known/jwks.json'
/** The doc's "manage_flightreports: Call the flight reports API" — path is an assumption. */
export const ALTITUDE_ANGEL_API_PATH = '/api/v1/flightreports'

/** Every scope the doc lists. */
export const ALTITUDE_ANGEL_SCOPES = [
  'access_archive',
  'talk_tower',
  'manage_users',
  'query_mapdata',
  'query_mapairdata',
  'manage_flightreports',
] as const

/** Doc: tokens "expire after 15 minutes by default". */
const DEFAULT_ACCESS_TTL_SECONDS = 15 * 60
/** Assumption: RFC 6749 §4.1.2 recommends at most 10 minutes for authorization codes. */
const CODE_TTL_SECONDS = 600
/** Assumption: the doc gives no refresh-token lifetime; 30 days is ample for tests. */
const REFRESH_TTL_SECONDS = 30 * 24 * 3600
const REALM = 'altitudeangel'

export interface AltitudeAngelCredentials {
  clientId: string
  clientSecret: string
  /** Scopes DECLARED for the client in the Developer Portal; anything else → 401 invalid_scope. */
  scopes: string[]
  /** Registered redirect URIs; a loopback http URI also matches any port (RFC 8252 §7.3). */
  redirectUris: string[]
  /** The Altitude Angel user who signs in on the authorize page. */
  username: string
  password: string
}

export const ALTITUDE_ANGEL_DEFAULT_CREDENTIALS: AltitudeAngelCredentials = {
  clientId: 'tokendesk-altitude-client',
  clientSecret: 's3cr+t/=&%é',
  scopes: ['query_mapdata', 'talk_tower'],
  redirectUris: ['http://127.0.0.1/callback'],
  username: 'pilot@example.com',
  password: 'flyhigh',
}

export interface AltitudeAngelEmulatorOptions extends Partial<AltitudeAngelCredentials> {
  /** expires_in / exp of access tokens (default 900). */
  accessTokenTtlSeconds?: number
  /**
   * On rotation, also revoke the access token issued with the spent refresh token, as servers with
   * strict rotation do (the old refresh token is always spent). Assumption: not in the doc.
   */
  rotationRevokesAccessToken?: boolean
  idleMs?: number
}

export interface AltitudeAngelEmulator extends BaseEmulator {
  credentials: AltitudeAngelCredentials
  authorizeUrl: string
  jwksUrl: string
  /** `iss` of issued JWTs (the emulator's base URL). */
  issuer: string
  /** `aud` of issued JWTs. */
  audience: string
  /** Every access token issued so far is now rejected by the API as expired. */
  expireAccessTokens(): void
  /** An authorization code as if the user had approved in the browser. */
  issueCode(opts?: { scope?: string; redirectUri?: string }): string
  /** A refresh token as if the user had signed in with the code flow (no access token issued with it). */
  issueRefreshToken(): string
}

interface Grant {
  clientId: string
  sub: string
  scope: string[]
  /** Tokens descending from one authorization share a family (for code-replay revocation). */
  family: string
}

interface PendingAuthorization {
  redirectUri: string
  scope: string[]
  state: string | undefined
}

export async function startAltitudeAngelEmulator(
  options: AltitudeAngelEmulatorOptions = {},
): Promise<AltitudeAngelEmulator> {
  const d = ALTITUDE_ANGEL_DEFAULT_CREDENTIALS
  const credentials: AltitudeAngelCredentials = {
    clientId: options.clientId ?? d.clientId,
    clientSecret: options.clientSecret ?? d.clientSecret,
    scopes: options.scopes ?? [...d.scopes],
    redirectUris: options.redirectUris ?? [...d.redirectUris],
    username: options.username ?? d.username,
    password: options.password ?? d.password,
  }
  const accessTtl = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS

  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = randomToken(8)
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }

  const recorder = createRecorder()
  const pending = new TokenStore<PendingAuthorization>()
  const codes = new TokenStore<Grant & { redirectUri: string }>()
  /** accessJti: the access token issued alongside, revoked with it on rotation when asked to. */
  const refreshTokens = new TokenStore<Grant & { accessJti?: string }>()
  /** Redeemed codes → family, so a replayed code revokes what it produced (RFC 6749 §4.1.2). */
  const redeemedCodes = new Map<string, string>()
  const issuedJtis = new Map<string, string>() // jti → family
  const deadJtis = new Set<string>()

  let baseUrl = ''
  const audience = (): string => `${baseUrl}/api`

  const declared = (scope: string[]): boolean => scope.every((s) => credentials.scopes.includes(s))

  const redirectUriAllowed = (candidate: string): boolean =>
    credentials.redirectUris.some((registered) => {
      if (candidate === registered) return true
      // RFC 8252 §7.3: for loopback IP redirect URIs the port is ignored; everything else must match exactly.
      const loopback = /^http:\/\/(127\.0\.0\.1|\[::1\])(\/.*)?$/.exec(registered)
      if (!loopback) return false
      const prefix = `http://${loopback[1]}:`
      if (!candidate.startsWith(prefix)) return false
      const portAndPath = /^(\d{1,5})(\/.*)?$/.exec(candidate.slice(prefix.length))
      return !!portAndPath && Number(portAndPath[1]) <= 65535 && portAndPath[2] === loopback[2]
    })

  const issueTokens = async (grant: Grant): Promise<Record<string, unknown>> => {
    const now = Math.floor(Date.now() / 1000)
    const jti = randomToken(16)
    issuedJtis.set(jti, grant.family)
    const accessToken = await new SignJWT({ scope: grant.scope.join(' '), client_id: grant.clientId })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid })
      .setIssuer(baseUrl)
      .setSubject(grant.sub)
      .setAudience(audience())
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + accessTtl)
      .setJti(jti)
      .sign(privateKey)
    // Doc: "All token responses will include a refresh token". Assumption: refresh tokens rotate (RFC 6749 §6 MAY).
    const refreshToken = refreshTokens.issue(REFRESH_TTL_SECONDS, { ...grant, accessJti: jti })
    // Shape of the doc's example: no `scope` member (RFC 6749 §5.1 allows omitting it when unchanged).
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: accessTtl,
      refresh_token: refreshToken,
    }
  }

  const revokeFamily = (family: string): void => {
    refreshTokens.revokeWhere((g) => g.family === family)
    for (const [jti, f] of issuedJtis) if (f === family) deadJtis.add(jti)
  }

  const token = async (req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> => {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    if (!isFormUrlEncoded(req)) {
      return oauthError(res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
    }
    const dupes = duplicateKeys(params)
    if (dupes.length)
      return oauthError(res, 400, 'invalid_request', `Repeated parameter: ${dupes.join(', ')}`)

    const grantType = param(params, 'grant_type')
    if (!grantType) return oauthError(res, 400, 'invalid_request', 'grant_type is required')
    if (!['client_credentials', 'authorization_code', 'refresh_token'].includes(grantType)) {
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`)
    }

    // Client authentication. Doc: client_id/client_secret in the form body. Assumption: HTTP Basic is
    // accepted too, as RFC 6749 §2.3.1 requires, with form-urldecoding of id and secret.
    const authorization = req.headers.authorization
    const basic = parseBasic(authorization, { urldecode: true })
    const basicChallenge = { 'WWW-Authenticate': `Basic realm="${REALM}"` }
    const clientError = (description: string): void =>
      oauthError(res, 401, 'invalid_client', description, authorization ? basicChallenge : {})
    if (authorization && !basic) return clientError('Malformed Authorization header')
    const bodyId = param(params, 'client_id')
    const bodySecret = param(params, 'client_secret')
    if (basic && bodySecret !== undefined) {
      return oauthError(
        res,
        400,
        'invalid_request',
        'Use only one client authentication method (RFC 6749 §2.3)',
      )
    }
    if (basic && bodyId !== undefined && bodyId !== basic.username) {
      return oauthError(res, 400, 'invalid_request', 'client_id does not match the Authorization header')
    }
    const clientId = basic?.username ?? bodyId
    const secret = basic?.password ?? bodySecret
    if (clientId === undefined || !safeEqual(clientId, credentials.clientId))
      return clientError('Unknown client')
    // Doc: authorization_code lists only client_id, code and redirect_uri; a secret is checked if sent.
    if (secret === undefined && grantType !== 'authorization_code')
      return clientError('client_secret is required')
    if (secret !== undefined && !safeEqual(secret, credentials.clientSecret)) {
      return clientError('Invalid client secret (is it URL-encoded?)')
    }

    // Doc: "Scopes to which you are not currently entitled to use will result in an HTTP 401 error".
    const undeclaredScope = (scope: string[]): void =>
      oauthError(res, 401, 'invalid_scope', `Scope not declared for this client: ${scope.join(' ')}`)

    if (grantType === 'client_credentials') {
      const scope = splitScope(param(params, 'scope'))
      // Doc: "you must also specify which scope(s) you wish to request".
      if (!scope.length) return oauthError(res, 400, 'invalid_request', 'scope is required')
      if (!declared(scope)) return undeclaredScope(scope)
      return sendJson(res, 200, await issueTokens({ clientId, sub: clientId, scope, family: randomToken(8) }))
    }

    if (grantType === 'authorization_code') {
      const code = param(params, 'code')
      const redirectUri = param(params, 'redirect_uri')
      if (!code) return oauthError(res, 400, 'invalid_request', 'code is required')
      if (!redirectUri) return oauthError(res, 400, 'invalid_request', 'redirect_uri is required')
      const grant = codes.take(code)
      if (!grant) {
        const family = redeemedCodes.get(code)
        if (family) revokeFamily(family)
        return oauthError(
          res,
          400,
          'invalid_grant',
          'The authorization code is invalid, expired or already used',
        )
      }
      redeemedCodes.set(code, grant.family)
      if (grant.clientId !== clientId)
        return oauthError(res, 400, 'invalid_grant', 'Code was issued to another client')
      // RFC 6749 §4.1.3: must be identical to the redirect_uri of the authorization request.
      if (grant.redirectUri !== redirectUri) {
        return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request')
      }
      const { redirectUri: _used, ...rest } = grant
      return sendJson(res, 200, await issueTokens(rest))
    }

    // refresh_token
    const presented = param(params, 'refresh_token')
    if (!presented) return oauthError(res, 400, 'invalid_request', 'refresh_token is required')
    const grant = refreshTokens.validate(presented)
    if (!grant || grant.clientId !== clientId) {
      return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid, expired or already used')
    }
    const requested = param(params, 'scope')
    let scope = grant.scope
    if (requested !== undefined) {
      scope = splitScope(requested)
      if (!declared(scope)) return undeclaredScope(scope)
      // RFC 6749 §6: may not exceed the scope originally granted.
      if (!scope.every((s) => grant.scope.includes(s))) {
        return oauthError(res, 400, 'invalid_scope', 'Requested scope exceeds the original grant')
      }
    }
    refreshTokens.take(presented) // rotation: the presented refresh token is now spent
    if (options.rotationRevokesAccessToken && grant.accessJti) deadJtis.add(grant.accessJti)
    const { accessJti: _previous, ...family } = grant
    sendJson(res, 200, await issueTokens({ ...family, scope }))
  }

  const errorPage = (res: ServerResponse, status: number, error: string, description: string): void =>
    sendHtml(
      res,
      status,
      htmlPage(
        'Authorization error',
        `<p id="error">${escapeHtml(error)}</p>\n<p id="error_description">${escapeHtml(description)}</p>`,
      ),
    )

  const loginPage = (requestId: string, scope: string[], message?: string): string =>
    htmlPage(
      'Sign in to Altitude Angel',
      `<p><strong>${escapeHtml(credentials.clientId)}</strong> would like to: ${scope.map(escapeHtml).join(', ')}</p>
${message ? `<p id="error" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="${ALTITUDE_ANGEL_DECISION_PATH}">
<input type="hidden" name="request_id" value="${escapeHtml(requestId)}">
<label>Email <input type="email" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
    )

  /** RFC 6749 §4.1.2.1: bad client or redirect_uri → error page; anything else → redirect with error=. */
  const authorize = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void => {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
    const dupes = duplicateKeys(query)
    const clientId = param(query, 'client_id')
    const redirectUri = param(query, 'redirect_uri')
    if (!clientId || dupes.includes('client_id') || clientId !== credentials.clientId) {
      return errorPage(res, 400, 'invalid_client', 'Unknown or missing client_id')
    }
    if (!redirectUri || dupes.includes('redirect_uri') || !redirectUriAllowed(redirectUri)) {
      return errorPage(
        res,
        400,
        'invalid_request',
        'redirect_uri is missing or not registered for this client',
      )
    }
    const state = query.get('state') ?? undefined
    const fail = (error: string, description: string): void =>
      redirect(res, withParams(redirectUri, { error, error_description: description, state }))
    if (dupes.length) return fail('invalid_request', `Repeated parameter: ${dupes.join(', ')}`)
    const responseType = param(query, 'response_type')
    if (!responseType) return fail('invalid_request', 'response_type is required')
    if (responseType !== 'code') return fail('unsupported_response_type', 'response_type must be code')
    const scope = splitScope(param(query, 'scope'))
    // Doc lists scope among the parameters the query "must contain".
    if (!scope.length) return fail('invalid_request', 'scope is required')
    if (!declared(scope))
      return fail('invalid_scope', `Scope not declared for this client: ${scope.join(' ')}`)
    const requestId = pending.issue(CODE_TTL_SECONDS, { redirectUri, scope, state })
    sendHtml(res, 200, loginPage(requestId, scope))
  }

  const decision = (req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void => {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    const requestId = param(form, 'request_id')
    const request = pending.validate(requestId)
    if (!requestId || !request)
      return errorPage(res, 400, 'invalid_request', 'Unknown or expired authorization request')
    const { redirectUri, scope, state } = request
    if (param(form, 'decision') === 'deny') {
      pending.take(requestId)
      return redirect(
        res,
        withParams(redirectUri, {
          error: 'access_denied',
          error_description: 'The user denied access',
          state,
        }),
      )
    }
    const username = param(form, 'username') ?? ''
    const password = param(form, 'password') ?? ''
    if (!safeEqual(username, credentials.username) || !safeEqual(password, credentials.password)) {
      return sendHtml(res, 401, loginPage(requestId, scope, 'Invalid email or password'))
    }
    pending.take(requestId)
    const code = codes.issue(CODE_TTL_SECONDS, {
      clientId: credentials.clientId,
      sub: username,
      scope,
      redirectUri,
      family: randomToken(8),
    })
    redirect(res, withParams(redirectUri, { code, state }))
  }

  const flightReports = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
    const presented = bearerToken(req)
    // Assumption: the body is not documented; the WWW-Authenticate challenge follows RFC 6750 §3.
    const deny = (challenge: string): void =>
      sendJson(
        res,
        401,
        { message: 'Authorization has been denied for this request.' },
        { 'WWW-Authenticate': challenge },
      )
    if (!presented) return deny(bearerChallenge(REALM))
    try {
      const { payload } = await jwtVerify(presented, publicKey, {
        issuer: baseUrl,
        audience: audience(),
        algorithms: ['RS256'],
      })
      if (!payload.jti || deadJtis.has(payload.jti)) {
        return deny(bearerChallenge(REALM, 'invalid_token', 'The access token expired'))
      }
      // Assumption: per-API scope checks are not emulated (the brief's default client lacks manage_flightreports).
      sendJson(res, 200, { subject: payload.sub, flightReports: [] })
    } catch {
      deny(bearerChallenge(REALM, 'invalid_token', 'The access token is invalid or expired'))
    }
  }

  const server = await startTestServer(
    async (req, res) => {
      const { url, params } = await recorder.capture(req)
      switch (url.pathname) {
        case ALTITUDE_ANGEL_TOKEN_PATH:
          return token(req, res, params)
        case ALTITUDE_ANGEL_AUTHORIZE_PATH:
          return authorize(req, res, url.searchParams)
        case ALTITUDE_ANGEL_DECISION_PATH:
          return decision(req, res, params)
        case ALTITUDE_ANGEL_JWKS_PATH:
          return sendJson(res, 200, { keys: [publicJwk] })
        case ALTITUDE_ANGEL_API_PATH:
          return flightReports(req, res)
        default:
          return notFound(res)
      }
    },
    { idleMs: options.idleMs },
  )
  baseUrl = server.url

  return {
    url: server.url,
    tokenUrl: server.url + ALTITUDE_ANGEL_TOKEN_PATH,
    apiUrl: server.url + ALTITUDE_ANGEL_API_PATH,
    authorizeUrl: server.url + ALTITUDE_ANGEL_AUTHORIZE_PATH,
    jwksUrl: server.url + ALTITUDE_ANGEL_JWKS_PATH,
    issuer: server.url,
    audience: audience(),
    credentials,
    requests: recorder.requests,
    expireAccessTokens: () => {
      for (const jti of issuedJtis.keys()) deadJtis.add(jti)
    },
    issueCode: ({ scope, redirectUri } = {}) =>
      codes.issue(CODE_TTL_SECONDS, {
        clientId: credentials.clientId,
        sub: credentials.username,
        scope: scope === undefined ? [...credentials.scopes] : splitScope(scope),
        redirectUri: redirectUri ?? credentials.redirectUris[0] ?? '',
        family: randomToken(8),
      }),
    issueRefreshToken: () =>
      refreshTokens.issue(REFRESH_TTL_SECONDS, {
        clientId: credentials.clientId,
        sub: credentials.username,
        scope: [...credentials.scopes],
        family: randomToken(8),
      }),
    close: server.close,
  }
}
