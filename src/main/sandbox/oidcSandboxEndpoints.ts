/**
 * What the sandbox adds beside oidc-provider: a resource API that accepts its JWT access tokens, and
 * the token-endpoint switches answered in oidc-provider's own words (its client and scope checks run
 * inside the library, so the sandbox speaks for it while a switch is on).
 */
import type { KeyObject } from 'node:crypto'
import { jwtVerify, type CryptoKey } from 'jose'
import { isOn, type BreakSwitches } from './breakSwitches'
import { bearerChallenge, bearerToken, oauthError } from './lib/oauth'
import { sendJson, type Handler } from './lib/testServer'

export const OIDC_API_PATH = '/api/whoami'

export function openidResourceApi(options: {
  issuer: string
  audience: string
  publicKey: CryptoKey | KeyObject
}) {
  /** Tokens issued at or before this second count as expired (the "expires early" switch). */
  let expiredUpTo = 0
  const api: Handler = async (req, res) => {
    const presented = bearerToken(req)
    const deny = (error?: string, description?: string): void =>
      sendJson(res, 401, error ? { error, error_description: description } : {}, {
        'WWW-Authenticate': bearerChallenge(options.issuer, error, description),
      })
    if (!presented) return deny()
    try {
      const { payload } = await jwtVerify(presented, options.publicKey, {
        issuer: options.issuer,
        audience: options.audience,
      })
      if ((payload.iat ?? 0) <= expiredUpTo) return deny('invalid_token', 'The access token expired')
      sendJson(res, 200, { sub: payload.sub ?? payload['client_id'], scope: payload['scope'] })
    } catch {
      deny('invalid_token', 'The access token is invalid or expired')
    }
  }
  return {
    expireAccessTokens: () => {
      expiredUpTo = Math.floor(Date.now() / 1000)
    },
    handle:
      (next: Handler): Handler =>
      (req, res) => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
        return path === OIDC_API_PATH ? api(req, res) : next(req, res)
      },
  }
}

/** oidc-provider's answers for a bad client secret and a scope the client may not have. */
export function openidTokenSwitches(breaks: BreakSwitches | undefined, next: Handler): Handler {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (path === '/token' && req.method === 'POST') {
      if (isOn(breaks, 'wrong-secret') || isOn(breaks, 'secret-not-url-encoded'))
        return oauthError(res, 401, 'invalid_client', 'client authentication failed')
      if (isOn(breaks, 'undeclared-scope'))
        return oauthError(res, 400, 'invalid_scope', 'requested scope is not allowed')
    }
    return next(req, res)
  }
}
