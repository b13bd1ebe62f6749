import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { ERR_ASSERTION_CLAIMS, ERR_ASSERTION_KEY } from '../../../shared/errorCodes'
import { fieldLabel, listOf } from '../../../shared/fieldLabels'
import { TokenDeskError } from '../../errors'
import { readSigningKey } from './signingKey'

export interface JwtBearerAssertionRequest {
  /** PEM or JWK private key, as the user gave it. */
  key: string
  /** Default: the JWK's `alg`, else the usual one for the key. */
  alg?: string
  iss: string
  sub: string
  /** The authorization server: its token URL or issuer (RFC 7523 §3). */
  aud: string
  /** Default 300 s. */
  expiresInSeconds?: number
  /** Default: a random UUID (RFC 7523 §3: lets the server refuse a replay). */
  jti?: string
  currentDate?: Date
  /** The integration field the key came from, named by its label in messages. Default "jwtBearer.privateKey". */
  keyField?: string
}

export const DEFAULT_ASSERTION_LIFETIME_SECONDS = 300
const MAX_LIFETIME_SECONDS = 86_400

/** Which form field holds each claim, so a missing claim is named as the user sees it. */
const CLAIM_FIELDS = { iss: 'jwtBearer.issuer', sub: 'jwtBearer.subject', aud: 'jwtBearer.audience' } as const

/**
 * Signs a JWT bearer assertion (RFC 7523 §2.1 authorization grant, §2.2 client authentication):
 * claims iss, sub, aud, iat, exp and jti, typ JWT. Refused, naming the field, when a claim is missing,
 * the lifetime is impossible, or the key cannot be read or cannot sign with the algorithm.
 */
export async function signJwtBearerAssertion(request: JwtBearerAssertionRequest): Promise<string> {
  assertClaims(request)
  const keyField = request.keyField ?? 'jwtBearer.privateKey'
  const { key, alg } = readSigningKey(request.key, keyField, request.alg)
  const lifetime = request.expiresInSeconds ?? DEFAULT_ASSERTION_LIFETIME_SECONDS
  // Read the clock once: iat and exp from two readings can straddle a second.
  const issuedAt = Math.floor((request.currentDate ?? new Date()).getTime() / 1000)
  try {
    return await new SignJWT({})
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setIssuer(request.iss)
      .setSubject(request.sub)
      .setAudience(request.aud)
      .setJti(request.jti ?? randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetime)
      .sign(key)
  } catch {
    // jose refuses a key that does not fit the algorithm (an RSA key for ES256, a short one for PS512).
    throw new TokenDeskError(
      ERR_ASSERTION_KEY,
      `The ${fieldLabel(keyField)} cannot sign with ${alg}. Choose the ${fieldLabel('jwtBearer.algorithm')} that fits the key, or another key.`,
      { field: keyField },
    )
  }
}

function assertClaims(request: JwtBearerAssertionRequest): void {
  const missing = (Object.keys(CLAIM_FIELDS) as Array<keyof typeof CLAIM_FIELDS>).filter(
    (claim) => !request[claim]?.trim(),
  )
  if (missing.length) {
    const labels = missing.map((claim) => fieldLabel(CLAIM_FIELDS[claim]))
    throw new TokenDeskError(
      ERR_ASSERTION_CLAIMS,
      `The assertion needs ${listOf(labels)}: fill ${missing.length === 1 ? 'it' : 'them'} in.`,
      {
        field: CLAIM_FIELDS[missing[0]!],
        details: { missing },
      },
    )
  }
  const lifetime = request.expiresInSeconds
  if (
    lifetime !== undefined &&
    (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_LIFETIME_SECONDS)
  ) {
    throw new TokenDeskError(
      ERR_ASSERTION_CLAIMS,
      `The ${fieldLabel('jwtBearer.expiresInSeconds')} must be a whole number of seconds from 1 to ${MAX_LIFETIME_SECONDS}.`,
      { field: 'jwtBearer.expiresInSeconds' },
    )
  }
}
