/**
 * Avionté BOLD Front Office — Partner Authorization API emulator.
 * Source: /work/shared/vendor-docs/000_1b0acc882c209088.txt ("Step 2: Obtain your access token").
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createRecorder,
  duplicateKeys,
  isFormUrlEncoded,
  sendJson,
  startTestServer,
  type BaseEmulator,
} from '../lib/testServer'
import {
  bearerChallenge,
  bearerToken,
  methodNotAllowed,
  notFound,
  oauthError,
  param,
  safeEqual,
  TokenStore,
} from '../lib/oauth'

export const AVIONTE_TOKEN_PATH = '/authorize/token'
/** Assumption: the doc names no resource endpoint; a ping stands in for the Front Office API. */
export const AVIONTE_API_PATH = '/front-office/v1/ping'
/** The scope the doc gives for the BOLD Front Office (and Partner Additions) API. */
export const AVIONTE_SCOPE = 'avionte.aero.compasintegrationservice'
/** Doc: "Default value: 3600 seconds (1 hour)". */
const EXPIRES_IN = 3600

export interface AvionteCredentials {
  clientId: string
  clientSecret: string
  /** x-api-key for the Avionté API Gateway. */
  apiKey: string
  scope: string
}

export const AVIONTE_DEFAULT_CREDENTIALS: AvionteCredentials = {
  clientId: 'tokendesk-avionte-partner',
  clientSecret: 's3cr+t/=&%é',
  apiKey: 'av-gw-key+4f9a/0c1=',
  scope: AVIONTE_SCOPE,
}

export interface AvionteEmulatorOptions extends Partial<AvionteCredentials> {
  idleMs?: number
}

export interface AvionteEmulator extends BaseEmulator {
  credentials: AvionteCredentials
  /** Every access token issued so far now counts as expired. */
  expireAccessTokens(): void
}

export async function startAvionteEmulator(options: AvionteEmulatorOptions = {}): Promise<AvionteEmulator> {
  const d = AVIONTE_DEFAULT_CREDENTIALS
  const credentials: AvionteCredentials = {
    clientId: options.clientId ?? d.clientId,
    clientSecret: options.clientSecret ?? d.clientSecret,
    apiKey: options.apiKey ?? d.apiKey,
    scope: options.scope ?? d.scope,
  }
  const recorder = createRecorder()
  const accessTokens = new TokenStore<{ clientId: string }>()

  /** Assumption: a missing/wrong key is rejected by the API gateway before the backend, as AWS API Gateway does. */
  const apiKeyOk = (req: IncomingMessage, res: ServerResponse): boolean => {
    const key = req.headers['x-api-key']
    if (typeof key === 'string' && safeEqual(key, credentials.apiKey)) return true
    sendJson(res, 403, { message: 'Forbidden' })
    return false
  }

  const token = (req: IncomingMessage, res: ServerResponse, params: URLSearchParams): void => {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    if (!apiKeyOk(req, res)) return
    // Doc documents only "400 Bad Request" for client errors, so every OAuth error below is a 400
    // with an RFC 6749 §5.2 body (assumption for the body shape and error codes).
    if (!isFormUrlEncoded(req)) {
      return oauthError(res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
    }
    const dupes = duplicateKeys(params)
    if (dupes.length)
      return oauthError(res, 400, 'invalid_request', `Repeated parameter: ${dupes.join(', ')}`)

    const grantType = param(params, 'grant_type')
    if (!grantType) return oauthError(res, 400, 'invalid_request', 'grant_type is required')
    if (grantType !== 'client_credentials') {
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`)
    }
    // Doc: client_id and client_secret are required body fields (Basic is not documented, so not read).
    const clientId = param(params, 'client_id')
    const clientSecret = param(params, 'client_secret')
    if (
      clientId === undefined ||
      clientSecret === undefined ||
      !safeEqual(clientId, credentials.clientId) ||
      !safeEqual(clientSecret, credentials.clientSecret)
    ) {
      return oauthError(res, 400, 'invalid_client', 'Client authentication failed')
    }
    // Doc: scope is required; only the scope Avionté provisioned is accepted.
    const scope = param(params, 'scope')
    if (!scope) return oauthError(res, 400, 'invalid_request', 'scope is required')
    if (scope !== credentials.scope)
      return oauthError(res, 400, 'invalid_scope', `Scope not allowed: ${scope}`)

    // Assumption: the doc's "encoded access_token" is an opaque string here.
    const accessToken = accessTokens.issue(EXPIRES_IN, { clientId })
    sendJson(res, 200, { access_token: accessToken, expires_in: EXPIRES_IN, token_type: 'Bearer' })
  }

  const ping = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
    if (!apiKeyOk(req, res)) return
    const presented = bearerToken(req)
    const data = accessTokens.validate(presented)
    if (!data) {
      // Assumption: gateway authorizer style body plus an RFC 6750 challenge.
      const challenge = presented
        ? bearerChallenge('avionte', 'invalid_token', 'The access token is invalid or expired')
        : bearerChallenge('avionte')
      return sendJson(res, 401, { message: 'Unauthorized' }, { 'WWW-Authenticate': challenge })
    }
    sendJson(res, 200, { status: 'ok', client_id: data.clientId })
  }

  const server = await startTestServer(
    async (req, res) => {
      const { url, params } = await recorder.capture(req)
      if (url.pathname === AVIONTE_TOKEN_PATH) return token(req, res, params)
      if (url.pathname === AVIONTE_API_PATH) return ping(req, res)
      notFound(res)
    },
    { idleMs: options.idleMs },
  )

  return {
    url: server.url,
    tokenUrl: server.url + AVIONTE_TOKEN_PATH,
    apiUrl: server.url + AVIONTE_API_PATH,
    credentials,
    requests: recorder.requests,
    expireAccessTokens: () => accessTokens.expireAll(),
    close: server.close,
  }
}
