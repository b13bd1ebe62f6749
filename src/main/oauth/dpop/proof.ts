import { createHash, randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import { ERR_DPOP_TARGET } from '../../../shared/errorCodes'
import { TokenDeskError } from '../../errors'
import type { DpopKey } from './proofKey'

export interface DpopProofRequest {
  key: DpopKey
  /** The request's HTTP method. */
  htm: string
  /** The request's URL; its query and fragment are left out of the proof (RFC 9449 §4.2). */
  htu: string
  /** On a call to a resource with a DPoP-bound token: its hash goes in `ath` (RFC 9449 §4.2). */
  accessToken?: string
  /** The server's last `DPoP-Nonce` (RFC 9449 §8). */
  nonce?: string
  /** The clock to stamp `iat` with (jose's `currentDate`); now by default. */
  currentDate?: Date
}

const HTTP_METHOD = /^[A-Za-z]{1,20}$/

/**
 * One DPoP proof JWT (RFC 9449 §4.2): typ `dpop+jwt`, the public key in `jwk`, claims htm, htu, iat
 * and a random jti, plus ath and nonce when given. A proof is for one request: make a new one each time.
 */
export async function createDpopProof(request: DpopProofRequest): Promise<string> {
  const { key, accessToken, nonce } = request
  const claims: Record<string, string> = { htm: proofMethod(request.htm), htu: proofTarget(request.htu) }
  if (accessToken !== undefined) claims.ath = accessTokenHash(accessToken)
  if (nonce !== undefined) claims.nonce = nonce
  const issuedAt = Math.floor((request.currentDate ?? new Date()).getTime() / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.algorithm, typ: 'dpop+jwt', jwk: key.publicJwk })
    .setIssuedAt(issuedAt)
    .setJti(randomBytes(16).toString('base64url'))
    .sign(key.privateKey)
}

/** RFC 9449 §4.2: base64url of the SHA-256 of the access token's ASCII. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url')
}

function proofMethod(method: string): string {
  if (HTTP_METHOD.test(method)) return method.toUpperCase()
  throw new TokenDeskError(
    ERR_DPOP_TARGET,
    `"${method.slice(0, 40)}" is not an HTTP method a DPoP proof can name.`,
  )
}

/** The URL without query and fragment; only http(s) targets have a proof. */
function proofTarget(url: string): string {
  const parsed = URL.parse(url)
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new TokenDeskError(
      ERR_DPOP_TARGET,
      `A DPoP proof is made for an http(s) address; "${url.split(/[?#]/)[0]!.slice(0, 200)}" is not one.`,
    )
  }
  parsed.search = ''
  parsed.hash = ''
  return parsed.href
}
