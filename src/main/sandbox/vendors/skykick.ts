/**
 * SkyKick API emulator: an Azure API Management front (subscription key, rate limit) over a
 * client_credentials token operation authenticated with Basic user ID : subscription key.
 * Source: /work/shared/vendor-docs/002_7bf8a3bd8c50aaf4.txt.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { generateKeyPair, jwtVerify, SignJWT } from 'jose'
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
  oauthError,
  param,
  randomToken,
  safeEqual,
} from '../lib/oauth'

export const SKYKICK_TOKEN_PATH = '/auth/token'
/** Assumption: the doc names no resource operation; /Alerts stands in for "all other SkyKick API calls". */
export const SKYKICK_API_PATH = '/Alerts'
/** Doc: the products a user requests a token for ("usually Partner or Distributor"). */
export const SKYKICK_SCOPES = ['Partner', 'Distributor'] as const
const EXPIRES_IN = 3600
const REALM = 'skykick'

/** Azure API Management's built-in gateway messages. */
export const APIM_MISSING_KEY = {
  statusCode: 401,
  message:
    'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
}
export const APIM_INVALID_KEY = {
  statusCode: 401,
  message:
    'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
}

export interface SkyKickCredentials {
  /** The user's API user ID (Basic username). */
  userId: string
  /** Primary subscription key (Basic password and Ocp-Apim-Subscription-Key). */
  subscriptionKey: string
  /** Doc: "either the Primary or Secondary will work". */
  secondaryKey: string
  /** Products the user is entitled to request as scope. */
  scopes: string[]
}

export const SKYKICK_DEFAULT_CREDENTIALS: SkyKickCredentials = {
  userId: '4f3d7c7bd74649b9a798ab8f8e8c6b81',
  // Real keys are 32 hex chars; this one carries + / = & % so a client that URL-encodes the Basic
  // credentials (SkyKick does not decode them) fails. Kept ASCII: it also travels as a header value.
  subscriptionKey: '1476aca7+9446/4056=ba8a&a6a1%9f21',
  secondaryKey: '9d2e51c0b7a84f6e8c3d1a2b4e5f6a7b',
  scopes: [...SKYKICK_SCOPES],
}

export interface SkyKickEmulatorOptions extends Partial<SkyKickCredentials> {
  /** Token requests allowed per window (default 5). */
  tokenRateLimit?: number
  /** Rate-limit window in milliseconds (default 60000). */
  rateWindowMs?: number
  idleMs?: number
}

export interface SkyKickEmulator extends BaseEmulator {
  credentials: SkyKickCredentials
  /** Requests received on the token endpoint (any outcome) — lets tests prove tokens are cached. */
  tokenRequestCount(): number
  /** Forget the rate-limit window. */
  resetRateLimit(): void
  expireAccessTokens(): void
}

export async function startSkyKickEmulator(options: SkyKickEmulatorOptions = {}): Promise<SkyKickEmulator> {
  const d = SKYKICK_DEFAULT_CREDENTIALS
  const credentials: SkyKickCredentials = {
    userId: options.userId ?? d.userId,
    subscriptionKey: options.subscriptionKey ?? d.subscriptionKey,
    secondaryKey: options.secondaryKey ?? d.secondaryKey,
    scopes: options.scopes ?? [...d.scopes],
  }
  const rateLimit = options.tokenRateLimit ?? 5
  const rateWindowMs = options.rateWindowMs ?? 60_000

  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const recorder = createRecorder()
  let tokenRequests = 0
  let windowHits: number[] = []
  const issuedJtis = new Set<string>()
  const deadJtis = new Set<string>()
  let baseUrl = ''

  const validKey = (key: string): boolean =>
    safeEqual(key, credentials.subscriptionKey) || safeEqual(key, credentials.secondaryKey)

  /** The APIM gateway validates the subscription key before any policy or backend runs. */
  const subscriptionOk = (req: IncomingMessage, res: ServerResponse): boolean => {
    const key = req.headers['ocp-apim-subscription-key']
    if (typeof key !== 'string' || key === '') {
      sendJson(res, 401, APIM_MISSING_KEY)
      return false
    }
    if (!validKey(key)) {
      sendJson(res, 401, APIM_INVALID_KEY)
      return false
    }
    return true
  }

  /**
   * APIM rate-limit policy over a sliding window. Assumption: calls rejected with 429 do not count,
   * and primary and secondary keys share one subscription counter.
   */
  const rateLimited = (res: ServerResponse): boolean => {
    const now = Date.now()
    windowHits = windowHits.filter((t) => t > now - rateWindowMs)
    if (windowHits.length < rateLimit) {
      windowHits.push(now)
      return false
    }
    const retryAfter = Math.max(1, Math.ceil(((windowHits[0] ?? now) + rateWindowMs - now) / 1000))
    sendJson(
      res,
      429,
      { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.` },
      { 'Retry-After': String(retryAfter) },
    )
    return true
  }

  const token = async (req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> => {
    tokenRequests++
    if (req.method !== 'POST') {
      return methodNotAllowed(res, 'POST', { statusCode: 405, message: 'Method not allowed' })
    }
    if (!subscriptionOk(req, res) || rateLimited(res)) return
    // Backend: assumption — RFC 6749 error bodies (the doc documents none).
    if (!isFormUrlEncoded(req)) {
      return oauthError(res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
    }
    const dupes = duplicateKeys(params)
    if (dupes.length)
      return oauthError(res, 400, 'invalid_request', `Repeated parameter: ${dupes.join(', ')}`)
    // Doc: Basic of "user ID:subscription key" — plain RFC 7617, no form-urldecoding.
    const basic = parseBasic(req.headers.authorization, { urldecode: false })
    const challenge = { 'WWW-Authenticate': `Basic realm="${REALM}"` }
    if (!basic) return oauthError(res, 401, 'invalid_client', 'Basic authentication is required', challenge)
    // Assumption: the Basic password may be either key of the subscription, not necessarily the header's.
    if (!safeEqual(basic.username, credentials.userId) || !validKey(basic.password)) {
      return oauthError(res, 401, 'invalid_client', 'Invalid user ID or subscription key', challenge)
    }
    const grantType = param(params, 'grant_type')
    if (!grantType) return oauthError(res, 400, 'invalid_request', 'grant_type is required')
    if (grantType !== 'client_credentials') {
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`)
    }
    const scope = param(params, 'scope')
    if (!scope) return oauthError(res, 400, 'invalid_request', 'scope is required (Partner or Distributor)')
    // Exactly one product per request, case-sensitive (RFC 6749 §3.3).
    if (!credentials.scopes.includes(scope)) {
      return oauthError(res, 400, 'invalid_scope', `Not entitled to product: ${scope}`)
    }
    const now = Math.floor(Date.now() / 1000)
    const jti = randomToken(16)
    issuedJtis.add(jti)
    // The doc's sample token header decodes to {"typ":"JWT","alg":"RS256",...}.
    const accessToken = await new SignJWT({ scope })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256' })
      .setIssuer(baseUrl)
      .setSubject(credentials.userId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + EXPIRES_IN)
      .setJti(jti)
      .sign(privateKey)
    sendJson(res, 200, { access_token: accessToken, expires_in: EXPIRES_IN, token_type: 'Bearer' })
  }

  const alerts = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET')
      return methodNotAllowed(res, 'GET', { statusCode: 405, message: 'Method not allowed' })
    // Doc: API calls need both the Bearer token and Ocp-Apim-Subscription-Key.
    if (!subscriptionOk(req, res)) return
    const presented = bearerToken(req)
    // Assumption: APIM validate-jwt policy's default failure body, plus an RFC 6750 challenge.
    const deny = (challenge: string): void =>
      sendJson(
        res,
        401,
        { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' },
        { 'WWW-Authenticate': challenge },
      )
    if (!presented) return deny(bearerChallenge(REALM))
    try {
      const { payload } = await jwtVerify(presented, publicKey, { issuer: baseUrl, algorithms: ['RS256'] })
      if (!payload.jti || deadJtis.has(payload.jti) || payload.sub !== credentials.userId) {
        return deny(bearerChallenge(REALM, 'invalid_token', 'The access token expired'))
      }
      sendJson(res, 200, [])
    } catch {
      deny(bearerChallenge(REALM, 'invalid_token', 'The access token is invalid or expired'))
    }
  }

  const server = await startTestServer(
    async (req, res) => {
      const { url, params } = await recorder.capture(req)
      if (url.pathname === SKYKICK_TOKEN_PATH) return token(req, res, params)
      if (url.pathname === SKYKICK_API_PATH) return alerts(req, res)
      notFound(res)
    },
    { idleMs: options.idleMs },
  )
  baseUrl = server.url

  return {
    url: server.url,
    tokenUrl: server.url + SKYKICK_TOKEN_PATH,
    apiUrl: server.url + SKYKICK_API_PATH,
    credentials,
    requests: recorder.requests,
    tokenRequestCount: () => tokenRequests,
    resetRateLimit: () => {
      windowHits = []
    },
    expireAccessTokens: () => {
      for (const jti of issuedJtis) deadJtis.add(jti)
    },
    close: server.close,
  }
}
