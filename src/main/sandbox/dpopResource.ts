/**
 * A resource server on 127.0.0.1 that takes DPoP-bound JWT access tokens from the oidc-provider test
 * server, checking what RFC 9449 §7 and §4.3 ask of it: the `DPoP` authorization scheme, one proof
 * (typ dpop+jwt, signature by the key in its header, an accepted alg), htm, htu, a recent iat, a jti
 * not seen before, ath = the token's hash, the token's cnf.jkt = the proof key's thumbprint, and
 * optionally a server nonce. Refusals are 401 with `WWW-Authenticate: DPoP error=…` (§7.1, §9).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { calculateJwkThumbprint, createRemoteJWKSet, EmbeddedJWK, jwtVerify, type JWTPayload } from 'jose'
import { sendJson, startTestServer } from './lib/testServer'

export const DPOP_RESOURCE_ALGORITHMS = ['ES256', 'RS256', 'EdDSA']
/** RFC 9449 §11.1: how far a proof's iat may be from now, in seconds. */
const IAT_WINDOW_SECONDS = 60
/** Replay memory cap: a test sends far fewer proofs. */
const MAX_REMEMBERED_PROOFS = 10_000

export interface DpopResourceOptions {
  /** The oidc-provider issuer whose JWT access tokens are accepted. */
  issuer: string
  /** The `aud` the tokens must carry. */
  audience: string
  /** Ask for a nonce in every proof (RFC 9449 §9). */
  requireNonce?: boolean
}

export interface DpopResource {
  url: string
  /** The protected resource: GET or POST, any query. */
  resourceUrl: string
  /** The nonce proofs must carry when `requireNonce`. */
  nonce: string
  /** Every answer's status, in order. */
  answers: number[]
  close(): Promise<void>
}

export async function startDpopResource(options: DpopResourceOptions): Promise<DpopResource> {
  const providerKeys = createRemoteJWKSet(new URL(`${options.issuer}/jwks`))
  const seenProofs = new Map<string, number>()
  const nonce = randomBytes(16).toString('base64url')
  const answers: number[] = []
  let origin = ''

  const server = await startTestServer(async (req, res) => {
    const status = await answer(req, res)
    answers.push(status)
  })
  origin = server.url

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const refuse = (error: string, description: string, headers: Record<string, string> = {}) => {
      const challenge = `DPoP error="${error}", error_description="${description}", algs="${DPOP_RESOURCE_ALGORITHMS.join(' ')}"`
      sendJson(
        res,
        401,
        { error, error_description: description },
        { 'WWW-Authenticate': challenge, ...headers },
      )
      return 401
    }
    req.resume()
    const [scheme, accessToken, ...rest] = (req.headers.authorization ?? '').split(' ')
    if (scheme?.toLowerCase() !== 'dpop' || !accessToken || rest.length) {
      // §7.1: no DPoP credentials at all: a bare challenge naming the scheme and algorithms.
      res.writeHead(401, { 'WWW-Authenticate': `DPoP algs="${DPOP_RESOURCE_ALGORITHMS.join(' ')}"` }).end()
      return 401
    }
    const proofs = req.headersDistinct.dpop ?? []
    if (proofs.length !== 1) return refuse('invalid_dpop_proof', 'exactly one DPoP proof is required')

    let proof: { payload: JWTPayload; jkt: string }
    try {
      proof = await verifyProof(proofs[0]!)
    } catch {
      return refuse('invalid_dpop_proof', 'DPoP proof signature or header invalid')
    }
    const { payload } = proof
    if (payload.htm !== req.method) return refuse('invalid_dpop_proof', 'DPoP proof htm mismatch')
    if (withoutQuery(payload.htu) !== withoutQuery(`${origin}${req.url ?? '/'}`))
      return refuse('invalid_dpop_proof', 'DPoP proof htu mismatch')
    const now = Math.floor(Date.now() / 1000)
    if (typeof payload.iat !== 'number' || Math.abs(now - payload.iat) > IAT_WINDOW_SECONDS)
      return refuse('invalid_dpop_proof', 'DPoP proof iat is not recent enough')
    if (payload.ath !== createHash('sha256').update(accessToken, 'ascii').digest('base64url'))
      return refuse('invalid_dpop_proof', 'DPoP proof ath mismatch')
    if (options.requireNonce && payload.nonce !== nonce)
      return refuse('use_dpop_nonce', 'Resource server requires nonce in DPoP proof', { 'DPoP-Nonce': nonce })
    if (typeof payload.jti !== 'string' || !remember(payload.jti, now))
      return refuse('invalid_dpop_proof', 'DPoP proof replay detected (jti already used)')

    let claims: JWTPayload
    try {
      ;({ payload: claims } = await jwtVerify(accessToken, providerKeys, {
        issuer: options.issuer,
        audience: options.audience,
        typ: 'at+jwt',
      }))
    } catch {
      return refuse('invalid_token', 'access token invalid or expired')
    }
    const jkt = (claims.cnf as { jkt?: unknown } | undefined)?.jkt
    if (jkt !== proof.jkt) return refuse('invalid_token', 'access token is not bound to the DPoP proof key')
    sendJson(res, 200, { sub: claims.sub, client_id: claims.client_id, jkt })
    return 200
  }

  /** Each jti once within the iat window; older ones are forgotten, as they would fail iat anyway. */
  function remember(jti: string, now: number): boolean {
    for (const [seen, at] of seenProofs) if (at < now - 2 * IAT_WINDOW_SECONDS) seenProofs.delete(seen)
    if (seenProofs.has(jti) || seenProofs.size >= MAX_REMEMBERED_PROOFS) return false
    seenProofs.set(jti, now)
    return true
  }

  return {
    url: server.url,
    resourceUrl: `${server.url}/resource`,
    nonce,
    answers,
    close: () => server.close(),
  }
}

async function verifyProof(proof: string): Promise<{ payload: JWTPayload; jkt: string }> {
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
    typ: 'dpop+jwt',
    algorithms: DPOP_RESOURCE_ALGORITHMS,
  })
  return { payload, jkt: await calculateJwkThumbprint(protectedHeader.jwk!) }
}

function withoutQuery(url: unknown): string | undefined {
  const parsed = typeof url === 'string' ? URL.parse(url) : null
  if (!parsed) return undefined
  parsed.search = ''
  parsed.hash = ''
  return parsed.href
}
