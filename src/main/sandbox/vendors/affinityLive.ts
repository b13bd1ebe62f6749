/**
 * AffinityLive OAuth 2.0 emulator: installed-application PIN flow, comma-delimited scopes,
 * Basic client authentication (query parameters as a last resort), `_bearer_token` on the API.
 * Source: /work/shared/vendor-docs/004_219de2416395881d.txt.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
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
  escapeHtml,
  htmlPage,
  methodNotAllowed,
  notFound,
  oauthError,
  param,
  safeEqual,
  splitScope,
  TokenStore,
  withParams,
} from '../lib/oauth'

export const AFFINITYLIVE_AUTHORIZE_PATH = '/oauth2/v0/authorize'
export const AFFINITYLIVE_APPROVE_PATH = '/oauth2/v0/authorize/approve'
export const AFFINITYLIVE_TOKEN_PATH = '/oauth2/v0/token'
/** The doc's resource example: GET /public_api/v0/companies/1?_bearer_token=... */
export const AFFINITYLIVE_API_PATH = '/public_api/v0/companies/1'
/** Assumption: installed apps use the out-of-band redirect URI, whose result is the PIN page. */
export const AFFINITYLIVE_OOB = 'urn:ietf:wg:oauth:2.0:oob'
/** Doc: "The scope can be concatenated and delimited by a comma". */
const SCOPE_DELIMITER = ','
/** Assumptions (doc silent): lifetimes. */
const EXPIRES_IN = 3600
const CODE_TTL_SECONDS = 600
const REFRESH_TTL_SECONDS = 30 * 24 * 3600
const REALM = 'AffinityLive'

export interface AffinityLiveCredentials {
  /** Doc example form: "34ad67fa2f@hq.local.affinitylive.com". */
  clientId: string
  clientSecret: string
  /** Registered redirect URIs (default only the out-of-band URI). */
  redirectUris: string[]
  /** Scope resources the application may request ("companies", "contacts", "issues", ...). */
  scopes: string[]
}

export const AFFINITYLIVE_DEFAULT_CREDENTIALS: AffinityLiveCredentials = {
  clientId: '34ad67fa2f@hq.local.affinitylive.com',
  clientSecret: 's3cr+t/=&%é',
  redirectUris: [AFFINITYLIVE_OOB],
  scopes: ['companies', 'contacts', 'issues'],
}

export interface AffinityLiveEmulatorOptions extends Partial<AffinityLiveCredentials> {
  idleMs?: number
}

export interface AffinityLiveEmulator extends BaseEmulator {
  credentials: AffinityLiveCredentials
  authorizeUrl: string
  /** A PIN (authorization code) as if the user had approved; scope is comma-delimited. */
  issuePin(opts?: { scope?: string; redirectUri?: string }): string
  expireAccessTokens(): void
}

interface Grant {
  clientId: string
  scope: string[]
}

interface PendingAuthorization {
  redirectUri: string
  scope: string[]
  state: string | undefined
}

export async function startAffinityLiveEmulator(
  options: AffinityLiveEmulatorOptions = {},
): Promise<AffinityLiveEmulator> {
  const d = AFFINITYLIVE_DEFAULT_CREDENTIALS
  const credentials: AffinityLiveCredentials = {
    clientId: options.clientId ?? d.clientId,
    clientSecret: options.clientSecret ?? d.clientSecret,
    redirectUris: options.redirectUris ?? [...d.redirectUris],
    scopes: options.scopes ?? [...d.scopes],
  }
  const recorder = createRecorder()
  const pending = new TokenStore<PendingAuthorization>()
  const codes = new TokenStore<Grant & { redirectUri: string }>()
  const accessTokens = new TokenStore<Grant>()
  const refreshTokens = new TokenStore<Grant>()

  const allowed = (scope: string[]): boolean => scope.every((s) => credentials.scopes.includes(s))

  const issueTokens = (grant: Grant): Record<string, unknown> => ({
    access_token: accessTokens.issue(EXPIRES_IN, grant),
    token_type: 'bearer',
    expires_in: EXPIRES_IN,
    // Assumption: refresh tokens rotate (RFC 6749 §6 MAY); the presented one is consumed.
    refresh_token: refreshTokens.issue(REFRESH_TTL_SECONDS, grant),
    scope: grant.scope.join(SCOPE_DELIMITER),
  })

  const page = (res: ServerResponse, status: number, title: string, body: string): void =>
    sendHtml(res, status, htmlPage(title, body))

  const errorPage = (res: ServerResponse, status: number, error: string, description: string): void =>
    page(
      res,
      status,
      'Authorization error',
      `<p id="error">${escapeHtml(error)}</p>\n<p id="error_description">${escapeHtml(description)}</p>`,
    )

  const authorize = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void => {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
    const dupes = duplicateKeys(query)
    const clientId = param(query, 'client_id')
    const redirectUri = param(query, 'redirect_uri')
    if (!clientId || dupes.includes('client_id') || clientId !== credentials.clientId) {
      return errorPage(res, 400, 'invalid_client', 'Unknown or missing client_id')
    }
    // Assumption: redirect_uri is required and must exactly match a registered one.
    if (!redirectUri || dupes.includes('redirect_uri') || !credentials.redirectUris.includes(redirectUri)) {
      return errorPage(res, 400, 'invalid_request', 'redirect_uri is missing or not registered')
    }
    const state = query.get('state') ?? undefined
    // RFC 6749 §4.1.2.1: redirect errors when possible; the out-of-band URI can only show them.
    const fail = (error: string, description: string): void =>
      redirectUri === AFFINITYLIVE_OOB
        ? errorPage(res, 400, error, description)
        : redirect(res, withParams(redirectUri, { error, error_description: description, state }))
    if (dupes.length) return fail('invalid_request', `Repeated parameter: ${dupes.join(', ')}`)
    const responseType = param(query, 'response_type')
    if (!responseType) return fail('invalid_request', 'response_type is required')
    if (responseType !== 'code') return fail('unsupported_response_type', 'response_type must be code')
    const scope = splitScope(param(query, 'scope'), SCOPE_DELIMITER)
    if (!scope.length) return fail('invalid_request', 'scope is required')
    // Strict: a space-delimited list is one unknown scope, so "companies contacts" fails here.
    if (!allowed(scope)) return fail('invalid_scope', `Unknown scope: ${scope.join(SCOPE_DELIMITER)}`)

    const requestId = pending.issue(CODE_TTL_SECONDS, { redirectUri, scope, state })
    // Assumption: the end-user is already signed in to their deployment, so only consent is asked.
    page(
      res,
      200,
      'Authorize application',
      `<p><strong>${escapeHtml(clientId)}</strong> requests access to: ${scope.map(escapeHtml).join(', ')}</p>
<form method="post" action="${AFFINITYLIVE_APPROVE_PATH}">
<input type="hidden" name="request_id" value="${escapeHtml(requestId)}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
    )
  }

  const approve = (req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void => {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    const request = pending.take(param(form, 'request_id'))
    if (!request) return errorPage(res, 400, 'invalid_request', 'Unknown or expired authorization request')
    const { redirectUri, scope, state } = request
    if (param(form, 'decision') === 'deny') {
      return redirectUri === AFFINITYLIVE_OOB
        ? errorPage(res, 403, 'access_denied', 'The user denied access')
        : redirect(res, withParams(redirectUri, { error: 'access_denied', state }))
    }
    const pin = codes.issue(CODE_TTL_SECONDS, { clientId: credentials.clientId, scope, redirectUri })
    if (redirectUri !== AFFINITYLIVE_OOB) return redirect(res, withParams(redirectUri, { code: pin, state }))
    // Doc: the installed application "can then exchange the PIN" — the user copies it from this page.
    page(
      res,
      200,
      'Application approved',
      `<p>Copy this PIN into the application:</p>\n<code id="pin">${escapeHtml(pin)}</code>`,
    )
  }

  const token = (
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    params: URLSearchParams,
  ): void => {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    if (!isFormUrlEncoded(req)) {
      return oauthError(res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
    }
    const dupes = [...duplicateKeys(params), ...duplicateKeys(query)]
    if (dupes.length)
      return oauthError(res, 400, 'invalid_request', `Repeated parameter: ${dupes.join(', ')}`)

    // Client authentication — doc: HTTP Basic recommended, client_id/client_secret as query parameters
    // "as a last option". Basic is form-urldecoded per RFC 6749 §2.3.1.
    const authorization = req.headers.authorization
    const challenge = authorization ? { 'WWW-Authenticate': `Basic realm="${REALM}"` } : undefined
    const clientError = (description: string): void =>
      oauthError(res, 401, 'invalid_client', description, challenge)
    // Assumption: credentials in the body are not documented, so they are refused.
    if (params.has('client_secret'))
      return clientError('Client credentials in the request body are not supported')
    const basic = parseBasic(authorization, { urldecode: true })
    if (authorization && !basic) return clientError('Malformed Authorization header')
    const queryId = param(query, 'client_id')
    const querySecret = param(query, 'client_secret')
    if (basic && (queryId !== undefined || querySecret !== undefined)) {
      return oauthError(
        res,
        400,
        'invalid_request',
        'Use only one client authentication method (RFC 6749 §2.3)',
      )
    }
    const clientId = basic?.username ?? queryId
    const clientSecret = basic?.password ?? querySecret
    if (clientId === undefined || clientSecret === undefined)
      return clientError('Client authentication required')
    const bodyId = param(params, 'client_id')
    if (bodyId !== undefined && bodyId !== clientId)
      return clientError('client_id does not match the credentials')
    if (!safeEqual(clientId, credentials.clientId) || !safeEqual(clientSecret, credentials.clientSecret)) {
      return clientError('Invalid client credentials')
    }

    const grantType = param(params, 'grant_type')
    if (!grantType) return oauthError(res, 400, 'invalid_request', 'grant_type is required')

    if (grantType === 'authorization_code') {
      const code = param(params, 'code')
      if (!code) return oauthError(res, 400, 'invalid_request', 'code is required')
      const grant = codes.take(code)
      if (!grant || grant.clientId !== clientId) {
        return oauthError(res, 400, 'invalid_grant', 'The code is invalid, expired or already used')
      }
      // Doc: redirect_uri "must be the same as the uri passed during the authorization, failure to do
      // so will result in an invalid_grant error" — a missing one included.
      if (param(params, 'redirect_uri') !== grant.redirectUri) {
        return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request')
      }
      return sendJson(res, 200, issueTokens({ clientId, scope: grant.scope }))
    }

    if (grantType === 'refresh_token') {
      const presented = param(params, 'refresh_token')
      if (!presented) return oauthError(res, 400, 'invalid_request', 'refresh_token is required')
      const grant = refreshTokens.validate(presented)
      if (!grant || grant.clientId !== clientId) {
        return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid, expired or already used')
      }
      const requested = param(params, 'scope')
      const scope = requested === undefined ? grant.scope : splitScope(requested, SCOPE_DELIMITER)
      // RFC 6749 §6: a narrower scope may be requested, never a wider one.
      if (!scope.length || !scope.every((s) => grant.scope.includes(s))) {
        return oauthError(res, 400, 'invalid_scope', 'Requested scope exceeds the original grant')
      }
      refreshTokens.take(presented)
      return sendJson(res, 200, issueTokens({ clientId, scope }))
    }

    oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`)
  }

  const company = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void => {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
    // Doc: the token goes in the `_bearer_token` query parameter or (preferred) Authorization: Bearer.
    const header = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1]
    const fromQuery = param(query, '_bearer_token')
    const deny = (status: number, error: string | undefined, description: string): void =>
      sendJson(
        res,
        status,
        error ? { error, error_description: description } : { error_description: description },
        {
          'WWW-Authenticate': bearerChallenge(REALM, error, error ? description : undefined),
        },
      )
    // RFC 6750 §2: more than one method of transmitting the token → invalid_request.
    if (header && fromQuery) return deny(400, 'invalid_request', 'Send the access token one way only')
    const presented = header ?? fromQuery
    if (!presented) return deny(401, undefined, 'An access token is required')
    const grant = accessTokens.validate(presented)
    if (!grant) return deny(401, 'invalid_token', 'The access token is invalid or expired')
    // Doc: scope resources are endpoints — reading companies needs the "companies" scope (RFC 6750 §3.1).
    if (!grant.scope.includes('companies'))
      return deny(403, 'insufficient_scope', 'The companies scope is required')
    // Assumption: response body shape (not documented).
    sendJson(res, 200, { id: 1, name: 'Example Pty Ltd' })
  }

  const server = await startTestServer(
    async (req, res) => {
      const { url, params } = await recorder.capture(req)
      switch (url.pathname) {
        case AFFINITYLIVE_AUTHORIZE_PATH:
          return authorize(req, res, url.searchParams)
        case AFFINITYLIVE_APPROVE_PATH:
          return approve(req, res, params)
        case AFFINITYLIVE_TOKEN_PATH:
          return token(req, res, url.searchParams, params)
        case AFFINITYLIVE_API_PATH:
          return company(req, res, url.searchParams)
        default:
          return notFound(res)
      }
    },
    { idleMs: options.idleMs },
  )

  return {
    url: server.url,
    tokenUrl: server.url + AFFINITYLIVE_TOKEN_PATH,
    apiUrl: server.url + AFFINITYLIVE_API_PATH,
    authorizeUrl: server.url + AFFINITYLIVE_AUTHORIZE_PATH,
    credentials,
    requests: recorder.requests,
    issuePin: ({ scope, redirectUri } = {}) =>
      codes.issue(CODE_TTL_SECONDS, {
        clientId: credentials.clientId,
        scope: scope === undefined ? [...credentials.scopes] : splitScope(scope, SCOPE_DELIMITER),
        redirectUri: redirectUri ?? AFFINITYLIVE_OOB,
      }),
    expireAccessTokens: () => accessTokens.expireAll(),
    close: server.close,
  }
}
