/**
 * The sandbox's "break it on purpose" switches, as the emulators see them. What a switch breaks in a
 * vendor's own logic (its secret check, its scopes, its refresh tokens, its token times) is decided in
 * that emulator; what every vendor's gateway can do to a request (a rate limit, an HTML page, a slow
 * answer, an API refusing the token, a sign-in page answering "denied") is decided here, in front of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SandboxSwitchId } from '../../shared/sandbox'
import type { Handler } from './lib/testServer'
import { htmlPage, randomToken, withParams } from './lib/oauth'
import { sendHtml, sendJson } from './lib/testServer'

/** Which switch is on for one emulator; read at each request, so flipping it needs no restart. */
export interface BreakSwitches {
  active(): SandboxSwitchId | undefined
  /** How long a "slow answer" waits (longer than the sandbox integrations' timeout). */
  slowAnswerMs: number
}

export const NO_BREAKS: BreakSwitches = { active: () => undefined, slowAnswerMs: 0 }

/** A switch board the sandbox service flips; one per emulator. */
export class SwitchBoard implements BreakSwitches {
  private current: SandboxSwitchId | undefined
  constructor(readonly slowAnswerMs = 8_000) {}
  active(): SandboxSwitchId | undefined {
    return this.current
  }
  set(id: SandboxSwitchId | undefined): void {
    this.current = id
  }
}

export function isOn(breaks: BreakSwitches | undefined, id: SandboxSwitchId): boolean {
  return breaks?.active() === id
}

/**
 * The secret as the vendor reads it from a client that forgot to URL-encode it (RFC 6749 §2.3.1,
 * Appendix B): a `+` arrives as a space and an `&` ends the value.
 */
export function asReadByVendor(breaks: BreakSwitches | undefined, secret: string): string
export function asReadByVendor(
  breaks: BreakSwitches | undefined,
  secret: string | undefined,
): string | undefined
export function asReadByVendor(
  breaks: BreakSwitches | undefined,
  secret: string | undefined,
): string | undefined {
  if (secret === undefined || !isOn(breaks, 'secret-not-url-encoded')) return secret
  return (secret.split('&')[0] ?? '').replace(/\+/g, ' ')
}

/** Seconds a "clock skew" switch moves issued tokens into the future. */
export const CLOCK_SKEW_SECONDS = 600

/** "now" for the times written into a token (iat, nbf, exp). */
export function tokenClock(breaks: BreakSwitches | undefined): number {
  const now = Math.floor(Date.now() / 1000)
  return isOn(breaks, 'clock-skew') ? now + CLOCK_SKEW_SECONDS : now
}

/** Why a refresh-token switch refuses a refresh token, in the words of RFC 6749 §5.2 descriptions. */
export function refusedRefreshToken(breaks: BreakSwitches | undefined): string | undefined {
  switch (breaks?.active()) {
    case 'refresh-token-expired':
      return 'The refresh token has expired'
    case 'refresh-token-revoked':
      return 'The refresh token was revoked'
    case 'refresh-token-rotated':
      return 'The refresh token was already used: it was replaced by a newer one (rotation)'
    default:
      return undefined
  }
}

/** Where one emulator's endpoints are, so the gateway switches know what a request is for. */
export interface EndpointRoles {
  token: string[]
  api: string[]
  /** The authorize page (GET, with client_id, redirect_uri and state). */
  authorize: string[]
  /** Makes every access token issued so far count as expired (the emulator's own check answers 401). */
  expireAccessTokens?: () => void
  /** The realm of the API's WWW-Authenticate challenge. */
  realm: string
}

/** The switches a vendor's gateway and pages apply, wrapped around the emulator's own handler. */
export function withGatewaySwitches(
  breaks: BreakSwitches | undefined,
  roles: EndpointRoles,
  handler: Handler,
): Handler {
  if (!breaks) return handler
  return async (req, res) => {
    const active = breaks.active()
    if (!active) return handler(req, res)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const role = roleOf(roles, url.pathname)
    if (active === 'state-tampered') tamperStateOnRedirect(res)
    if (role === 'token') {
      if (active === 'rate-limit') return rateLimited(res)
      if (active === 'html-page') return htmlInsteadOfJson(res)
      if (active === 'slow-answer') {
        const answered = await waitUnlessGone(req, res, breaks.slowAnswerMs)
        if (!answered) return
      }
    }
    if (role === 'api') {
      if (active === 'token-expires-early') roles.expireAccessTokens?.()
      if (active === 'missing-scope') return insufficientScope(res, roles.realm)
    }
    if (role === 'authorize' && active === 'sign-in-denied') return denied(res, url.searchParams)
    return handler(req, res)
  }
}

function roleOf(roles: EndpointRoles, path: string): 'token' | 'api' | 'authorize' | undefined {
  if (roles.token.includes(path)) return 'token'
  if (roles.api.some((api) => path === api || path.startsWith(`${api}/`))) return 'api'
  if (roles.authorize.includes(path)) return 'authorize'
  return undefined
}

/** RFC 6585 §4: 429 with Retry-After, as API gateways (Azure APIM, AWS API Gateway) send it. */
function rateLimited(res: ServerResponse): void {
  sendJson(
    res,
    429,
    { statusCode: 429, message: 'Rate limit is exceeded. Try again in 30 seconds.' },
    { 'Retry-After': '30' },
  )
}

/** What a token URL pointing at a web page, or a gateway's login wall, answers. */
function htmlInsteadOfJson(res: ServerResponse): void {
  sendHtml(
    res,
    200,
    htmlPage('Sign in', '<p>Please sign in to continue.</p>\n<form method="post"><input name="user"></form>'),
  )
}

/** RFC 6750 §3.1: the token is valid but lacks the scope the resource needs. */
function insufficientScope(res: ServerResponse, realm: string): void {
  sendJson(
    res,
    403,
    { error: 'insufficient_scope', error_description: 'The access token lacks the scope this API needs' },
    {
      'WWW-Authenticate': `Bearer realm="${realm}", error="insufficient_scope", error_description="The access token lacks the scope this API needs"`,
    },
  )
}

/** RFC 6749 §4.1.2.1: the resource owner denied the request. */
function denied(res: ServerResponse, query: URLSearchParams): void {
  const redirectUri = query.get('redirect_uri')
  let target: string | undefined
  try {
    target =
      redirectUri && redirectUri !== 'urn:ietf:wg:oauth:2.0:oob' ? new URL(redirectUri).href : undefined
  } catch {
    target = undefined
  }
  if (!target) {
    return sendHtml(
      res,
      403,
      htmlPage(
        'Authorization error',
        '<p id="error">access_denied</p>\n<p id="error_description">The user denied access</p>',
      ),
    )
  }
  res.writeHead(302, {
    Location: withParams(target, {
      error: 'access_denied',
      error_description: 'The user denied access',
      state: query.get('state') ?? undefined,
    }),
    'Cache-Control': 'no-store',
  })
  res.end()
}

/** Any redirect carrying a state gets another one, as an attacker's forged callback would. */
function tamperStateOnRedirect(res: ServerResponse): void {
  const tamper = (value: unknown): unknown => {
    if (typeof value !== 'string' || !value.includes('state=')) return value
    try {
      const url = new URL(value)
      if (!url.searchParams.has('state')) return value
      url.searchParams.set('state', `tampered-${randomToken(8)}`)
      return url.href
    } catch {
      return value
    }
  }
  const setHeader = res.setHeader.bind(res)
  res.setHeader = (name, value) =>
    setHeader(name, name.toLowerCase() === 'location' ? (tamper(value) as typeof value) : value)
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null) as
      Record<string, unknown> | undefined
    if (headers)
      for (const key of Object.keys(headers))
        if (key.toLowerCase() === 'location') headers[key] = tamper(headers[key])
    return writeHead(status, ...rest)
  }) as typeof res.writeHead
}

/** Holds the answer back; false when the client gave up meanwhile (its timeout). */
function waitUnlessGone(req: IncomingMessage, res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', gone)
      resolve(!res.destroyed)
    }, ms)
    timer.unref()
    const gone = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    res.once('close', gone)
  })
}
