/**
 * Autovit.ro open API emulator: `password` and custom `partner` grants.
 * Source: /work/shared/vendor-docs/003_8ba773bacbd4d841.txt ("Oauth2 – Generate authorization token").
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createRecorder,
  duplicateKeys,
  isFormUrlEncoded,
  parseBasic,
  sendJson,
  startTestServer,
  type BaseEmulator,
} from '../lib/testServer'
import {
  bearerChallenge,
  bearerToken,
  methodNotAllowed,
  notFound,
  param,
  randomHex,
  safeEqual,
  TokenStore,
} from '../lib/oauth'

export const AUTOVIT_TOKEN_PATH = '/api/open/oauth/token'
/** Assumption: the doc names no resource endpoint; an account listing stands in for "all resources". */
export const AUTOVIT_API_PATH = '/api/open/account/adverts'
/** Values of the doc's success example. */
const EXPIRES_IN = 43200
const GRANTED_SCOPE = 'adverts-write read'
/** The doc's example error title ("Invalid value"); assumption: used for every error. */
const HUMAN_TITLE = 'Niepoprawna wartość'

export interface AutovitCredentials {
  /** Doc: client_id is a Number (sent as its decimal string). */
  clientId: string
  clientSecret: string
  /** `password` grant user (login e-mail) and password. */
  username: string
  password: string
  /** `partner` grant partner name and password. */
  partnerCode: string
  partnerSecret: string
}

export const AUTOVIT_DEFAULT_CREDENTIALS: AutovitCredentials = {
  clientId: '123',
  clientSecret: 's3cr+t/=&%é',
  username: 'user@sneaky.domain',
  password: 'gimme+access/=&%é',
  partnerCode: 'partner-name',
  partnerSecret: 'secret+code/=&%é',
}

export interface AutovitEmulatorOptions extends Partial<AutovitCredentials> {
  idleMs?: number
}

export interface AutovitEmulator extends BaseEmulator {
  credentials: AutovitCredentials
  expireAccessTokens(): void
}

interface Grant {
  clientId: string
  subject: string
}

export async function startAutovitEmulator(options: AutovitEmulatorOptions = {}): Promise<AutovitEmulator> {
  const d = AUTOVIT_DEFAULT_CREDENTIALS
  const credentials: AutovitCredentials = {
    clientId: options.clientId ?? d.clientId,
    clientSecret: options.clientSecret ?? d.clientSecret,
    username: options.username ?? d.username,
    password: options.password ?? d.password,
    partnerCode: options.partnerCode ?? d.partnerCode,
    partnerSecret: options.partnerSecret ?? d.partnerSecret,
  }
  const recorder = createRecorder()
  // Doc example: 40 hex characters for both tokens.
  const accessTokens = new TokenStore<Grant>(() => randomHex(20))
  // Issued because the doc's response has one; the doc allows no refresh grant, so never redeemable.
  const refreshTokens = new TokenStore<Grant>(() => randomHex(20))

  /**
   * The doc's error shape. Assumption: every token error is HTTP 400 like the doc's one example
   * (RFC 6749 §5.2 would make invalid_client via Basic a 401).
   */
  const fail = (res: ServerResponse, error: string, description: string, status = 400, headers = {}): void =>
    sendJson(
      res,
      status,
      { error, error_description: description, error_human_title: HUMAN_TITLE, error_human_message: '' },
      headers,
    )

  const token = (req: IncomingMessage, res: ServerResponse, params: URLSearchParams): void => {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    // curl -d sends application/x-www-form-urlencoded; the raw example states it.
    if (!isFormUrlEncoded(req)) {
      return fail(
        res,
        'invalid_request',
        'The content type for POST requests must be "application/x-www-form-urlencoded"',
      )
    }
    const dupes = duplicateKeys(params)
    if (dupes.length) return fail(res, 'invalid_request', `Repeated parameter: ${dupes.join(', ')}`)

    const grantType = param(params, 'grant_type')
    if (!grantType) return fail(res, 'invalid_request', 'The grant type was not specified in the request')
    // Doc: 'Allowed grant types: "password" or "partner"' — so refresh_token is unsupported too.
    if (grantType !== 'password' && grantType !== 'partner') {
      return fail(res, 'unsupported_grant_type', `Grant type "${grantType}" not supported`)
    }

    // Client auth: Basic (curl -u, form-urldecoded per RFC 6749 §2.3.1) or client_id/client_secret in
    // the body (raw partner example). Both at once is rejected (RFC 6749 §2.3).
    const basic = parseBasic(req.headers.authorization, { urldecode: true })
    const bodyId = param(params, 'client_id')
    const bodySecret = param(params, 'client_secret')
    if (basic && (bodyId !== undefined || bodySecret !== undefined)) {
      return fail(
        res,
        'invalid_request',
        'Only one method may be used to authenticate at a time (Auth header, POST)',
      )
    }
    const clientId = basic?.username ?? bodyId
    const clientSecret = basic?.password ?? bodySecret
    if (clientId === undefined || clientSecret === undefined) {
      return fail(res, 'invalid_client', 'Client credentials were not found in the headers or body')
    }
    if (
      !/^\d+$/.test(clientId) ||
      !safeEqual(clientId, credentials.clientId) ||
      !safeEqual(clientSecret, credentials.clientSecret)
    ) {
      return fail(res, 'invalid_client', 'The client credentials are invalid')
    }

    let subject: string
    if (grantType === 'password') {
      const username = param(params, 'username')
      const password = param(params, 'password')
      if (username === undefined || password === undefined) {
        return fail(res, 'invalid_request', 'Missing parameters: "username" and "password" required')
      }
      if (!safeEqual(username, credentials.username) || !safeEqual(password, credentials.password)) {
        return fail(res, 'invalid_grant', 'Invalid username and password combination')
      }
      subject = username
    } else {
      const partnerCode = param(params, 'partner_code')
      const partnerSecret = param(params, 'partner_secret')
      if (partnerCode === undefined || partnerSecret === undefined) {
        return fail(
          res,
          'invalid_request',
          'Missing parameters: "partner_code" and "partner_secret" required',
        )
      }
      if (
        !safeEqual(partnerCode, credentials.partnerCode) ||
        !safeEqual(partnerSecret, credentials.partnerSecret)
      ) {
        return fail(res, 'invalid_grant', 'Invalid partner credentials parameter') // the doc's example
      }
      subject = `partner:${partnerCode}`
    }
    // Assumption: a requested `scope` is ignored; the doc's grant is always "adverts-write read".
    const grant = { clientId, subject }
    sendJson(res, 200, {
      access_token: accessTokens.issue(EXPIRES_IN, grant),
      token_type: 'bearer',
      expires_in: EXPIRES_IN,
      refresh_token: refreshTokens.issue(30 * 24 * 3600, grant),
      scope: GRANTED_SCOPE,
    })
  }

  const adverts = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
    const presented = bearerToken(req)
    const grant = accessTokens.validate(presented)
    if (!grant) {
      // Assumption: the doc's error shape with an RFC 6750 challenge.
      const challenge = presented
        ? bearerChallenge('autovit', 'invalid_token', 'The access token provided is invalid')
        : bearerChallenge('autovit')
      return fail(res, 'invalid_token', 'The access token provided is invalid', 401, {
        'WWW-Authenticate': challenge,
      })
    }
    sendJson(res, 200, { results: [], total_elements: 0, subject: grant.subject })
  }

  const server = await startTestServer(
    async (req, res) => {
      const { url, params } = await recorder.capture(req)
      if (url.pathname === AUTOVIT_TOKEN_PATH) return token(req, res, params)
      if (url.pathname === AUTOVIT_API_PATH) return adverts(req, res)
      notFound(res)
    },
    { idleMs: options.idleMs },
  )

  return {
    url: server.url,
    tokenUrl: server.url + AUTOVIT_TOKEN_PATH,
    apiUrl: server.url + AUTOVIT_API_PATH,
    credentials,
    requests: recorder.requests,
    expireAccessTokens: () => accessTokens.expireAll(),
    close: server.close,
  }
}
