import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'
import {
  base64url,
  compactVerify,
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  importJWK,
  importSPKI,
  importX509,
  type CryptoKey,
  type FetchImplementation,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose'
import type { ClaimCheck, ExpectedClaims, VerificationKey, VerificationResult } from '../../shared/jwt'
import { formatDuration } from '../../shared/time'
import { classifyNetworkError } from '../diagnose/networkErrors'
import { discoveryUrl } from '../oauth/discovery'
import { decodeToken } from './decode'

export interface VerifyOptions {
  /** Milliseconds since the epoch, like Date.now. */
  now?: () => number
  /** For each HTTP request (discovery, JWKS). */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 10_000

/** RFC 7518 §3.2: an HMAC key must be at least as long as the hash output. */
const HMAC_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 }
const PUBLIC_KEY_ALGS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
  'ML-DSA-44',
  'ML-DSA-65',
  'ML-DSA-87',
])

/** Secrets from tutorials, framework defaults and jwt.io: the first ones anyone tries. */
const GUESSABLE_SECRETS = new Set([
  'secret',
  'secretkey',
  'secret-key',
  'secret_key',
  'mysecret',
  'my-secret',
  'supersecret',
  'jwt-secret',
  'jwtsecret',
  'jwt_secret',
  'your-256-bit-secret',
  'your-secret-key',
  'changeme',
  'change-me',
  'changeit',
  'password',
  'passw0rd',
  'admin',
  'default',
  'test',
  'key',
  'shhhhh',
  'keyboard cat',
  '123456',
  '12345678',
  'qwerty',
])

/**
 * Checks a JWS-compact token's signature with the given key, then its time claims and, when expected
 * values are given, its issuer, audience and scopes. `valid` is about the signature only: an expired
 * token with a good signature is valid and fails the "exp" check, so neither hides the other.
 * Verification failures are returned, never thrown; only a token that is not a JWS throws
 * (ERR_JWT_MALFORMED, from decodeToken).
 */
export async function verifyToken(
  token: string,
  key: VerificationKey,
  expected: ExpectedClaims | undefined,
  options: VerifyOptions,
): Promise<VerificationResult> {
  const { header, payload } = decodeToken(token)
  const alg = typeof header.alg === 'string' ? header.alg : undefined
  const kid = typeof header.kid === 'string' ? header.kid : undefined
  const signature = await checkSignature(
    compactForm(token),
    header as JWSHeaderParameters,
    key,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  )
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000)
  const times = timeChecks(payload, nowSeconds)
  const issuer = expected?.issuer ?? (key.kind === 'issuer' ? key.issuer : undefined)
  const checks: ClaimCheck[] = [
    {
      id: 'signature',
      ok: signature.valid,
      message: signature.valid ? `Signature verified with ${signature.keyUsed}.` : signature.reason,
    },
    ...signature.checks,
    ...keySourceChecks(key),
    ...times.checks,
    ...(issuer !== undefined ? [issuerCheck(payload.iss, issuer)] : []),
    ...(expected?.audience ? [audienceCheck(payload.aud, expected.audience)] : []),
    ...(expected?.scope?.length ? [scopeCheck(payload, expected.scope)] : []),
  ]
  return {
    valid: signature.valid,
    ...(signature.valid ? { keyUsed: signature.keyUsed } : { reason: signature.reason }),
    ...(alg !== undefined ? { alg } : {}),
    ...(kid !== undefined ? { kid } : {}),
    checks,
    ...(times.clockSkewSeconds !== undefined ? { clockSkewSeconds: times.clockSkewSeconds } : {}),
  }
}

/** Keys fetched over plain HTTP from another machine could have been swapped on the way. */
function keySourceChecks(key: VerificationKey): ClaimCheck[] {
  const address = key.kind === 'jwks' ? key.url : key.kind === 'issuer' ? key.issuer : undefined
  if (address === undefined || !URL.canParse(address)) return []
  const { protocol, hostname } = new URL(address)
  if (protocol !== 'http:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) return []
  return [
    {
      id: 'key-source',
      ok: false,
      message:
        'The keys were fetched over plain http://: anyone on the network path could have replaced them, so “valid” proves less. Use https://.',
    },
  ]
}

/** The same clean-up decodeToken applies (and reports), so jose sees the token decodeToken accepted. */
function compactForm(input: string): string {
  return input
    .trim()
    .replace(/^bearer\s+/i, '')
    .replace(/^['"]+|['"]+$/g, '')
    .replace(/\s+/g, '')
}

// ---------------------------------------------------------------------------------------------------
// Signature

type SignatureOutcome = { checks: ClaimCheck[] } & (
  { valid: true; keyUsed: string } | { valid: false; reason: string }
)

/** One key to try, with what to say when the signature does not match it. */
interface Candidate {
  key: CryptoKey | Uint8Array
  label: string
  mismatch: string
  /** For HMAC keys: the text the user typed, to recognise guessable secrets. */
  secretText?: string
}

/** Why the key could not be used at all; becomes `reason`. Private to this file, never leaves it. */
class KeyProblem extends Error {}

async function checkSignature(
  token: string,
  header: JWSHeaderParameters,
  key: VerificationKey,
  timeoutMs: number,
): Promise<SignatureOutcome> {
  const alg = header.alg
  if (typeof alg !== 'string' || alg === '') {
    return invalid('The header has no "alg", so there is no way to know how it was signed.')
  }
  if (alg.toLowerCase() === 'none') {
    return invalid('The token is unsigned (alg "none"): there is no signature to check.', [
      {
        id: 'alg-none',
        ok: false,
        message:
          'alg is "none": anyone could have written this token. A server must never accept it, whatever its claims say.',
      },
    ])
  }
  try {
    assertAlgFitsKeyKind(alg, key)
    const candidates = await resolveCandidates(key, header, timeoutMs)
    return await tryCandidates(token, alg, candidates)
  } catch (error) {
    if (error instanceof KeyProblem) return invalid(error.message)
    return invalid(`The signature could not be checked: ${messageOf(error)}`)
  }
}

function invalid(reason: string, checks: ClaimCheck[] = []): SignatureOutcome {
  return { valid: false, reason, checks }
}

async function tryCandidates(token: string, alg: string, candidates: Candidate[]): Promise<SignatureOutcome> {
  for (const candidate of candidates) {
    try {
      await compactVerify(token, candidate.key, { algorithms: [alg] })
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue
      throw error
    }
    const checks = candidate.key instanceof Uint8Array ? [hmacStrengthCheck(alg, candidate)] : []
    return { valid: true, keyUsed: candidate.label, checks }
  }
  return invalid(candidates[0]?.mismatch ?? 'No usable key was found to check the signature with.')
}

/**
 * A public key or key set cannot check an HMAC token and a secret cannot check a public-key one. Refusing
 * here, by name, also rules out algorithm confusion (a public key used as an HMAC secret).
 */
function assertAlgFitsKeyKind(alg: string, key: VerificationKey): void {
  const hmac = alg in HMAC_MIN_BYTES
  if (!hmac && !PUBLIC_KEY_ALGS.has(alg)) {
    throw new KeyProblem(`TokenDesk cannot check alg "${alg}": it is not a JWS signature algorithm it knows.`)
  }
  if (key.kind === 'hmac' && !hmac) {
    throw new KeyProblem(
      `The token is signed with ${alg}, a public-key algorithm: a shared secret cannot check it. Choose the issuer’s published keys, a JWKS URL or a public key.`,
    )
  }
  if ((key.kind === 'jwks' || key.kind === 'issuer') && hmac) {
    throw new KeyProblem(
      `The token is signed with ${alg}, which uses a shared secret, and published key sets hold only public keys. Choose “Shared secret (HMAC)”.`,
    )
  }
  if (key.kind === 'pem' && hmac) {
    throw new KeyProblem(
      `The token is signed with ${alg}, which uses a shared secret, not a public key. (A server that checks ${alg} tokens using its public key as the secret can be fooled: that is the “algorithm confusion” attack.) Choose “Shared secret (HMAC)” if the token really uses one.`,
    )
  }
}

async function resolveCandidates(
  key: VerificationKey,
  header: JWSHeaderParameters,
  timeoutMs: number,
): Promise<Candidate[]> {
  const alg = header.alg!
  switch (key.kind) {
    case 'jwks':
      return remoteJwksCandidates(key.url, header, timeoutMs, `the JWKS at ${key.url}`)
    case 'issuer': {
      const jwksUri = await discoverJwksUri(key.issuer, timeoutMs)
      return remoteJwksCandidates(jwksUri, header, timeoutMs, `the JWKS at ${jwksUri}`)
    }
    case 'pem':
      return [await pemCandidate(key.text, alg)]
    case 'jwk':
      return jwkCandidates(key.text, header)
    case 'hmac':
      return hmacCandidates(key.secret)
  }
}

// --- HMAC ------------------------------------------------------------------------------------------

function hmacCandidates(secret: string): Candidate[] {
  const bytes = new TextEncoder().encode(secret)
  const spaces =
    secret !== secret.trim() ? ' The secret starts or ends with a space or line break: check it.' : ''
  const candidates: Candidate[] = [
    {
      key: bytes,
      label: `the shared secret (${bytes.byteLength} bytes)`,
      mismatch: `The signature does not match this secret: the token was signed with another secret, or changed after signing.${spaces}`,
      secretText: secret,
    },
  ]
  // Some providers show the secret base64-encoded and sign with the decoded bytes; try that reading too.
  const decoded = decodeBase64(secret.trim())
  if (decoded && decoded.byteLength >= 16) {
    candidates.push({
      key: decoded,
      label: `the shared secret read as base64 (${decoded.byteLength} bytes)`,
      mismatch: candidates[0]!.mismatch,
      secretText: secret,
    })
  }
  return candidates
}

function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(text)) return undefined
  try {
    return base64url.decode(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
  } catch {
    return undefined
  }
}

function hmacStrengthCheck(alg: string, candidate: Candidate): ClaimCheck {
  const minimum = HMAC_MIN_BYTES[alg] ?? 32
  const bytes = candidate.key instanceof Uint8Array ? candidate.key.byteLength : 0
  const text = candidate.secretText?.trim().toLowerCase()
  if (text !== undefined && GUESSABLE_SECRETS.has(text)) {
    return {
      id: 'weak-hmac',
      ok: false,
      message:
        'The secret is a well-known default that attackers try first: anyone can forge tokens this server accepts. Replace it with a random secret.',
    }
  }
  if (text?.includes('-----begin')) {
    return {
      id: 'weak-hmac',
      ok: false,
      message: `The secret is a PEM key. If the server accepted this token, it verifies ${alg} with a public key as the secret (“algorithm confusion”): anyone with the public key can forge tokens.`,
    }
  }
  if (bytes < minimum) {
    return {
      id: 'weak-hmac',
      ok: false,
      message: `The secret is ${bytes} bytes; ${alg} needs at least ${minimum} (RFC 7518 §3.2). A short secret can be guessed offline from any one token.`,
    }
  }
  return {
    id: 'weak-hmac',
    ok: true,
    message: `The secret is ${bytes} bytes, at least the ${minimum} that ${alg} needs.`,
  }
}

// --- PEM -------------------------------------------------------------------------------------------

const PASTE_PEM =
  'Paste the public key with its -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines, or the certificate (-----BEGIN CERTIFICATE-----).'

async function pemCandidate(text: string, alg: string): Promise<Candidate> {
  const block = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/.exec(text)
  if (!block) {
    const json = text.trim().startsWith('{') ? ' This looks like JSON: choose “JWK” instead.' : ''
    throw new KeyProblem(`This is not a PEM key. ${PASTE_PEM}${json}`)
  }
  const [pem, label] = [block[0], block[1]!]
  if (label.includes('PRIVATE KEY')) {
    throw new KeyProblem(
      `This is a private key. ${PASTE_PEM} A private key never needs to leave the server that signs.`,
    )
  }
  if (!['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'].includes(label)) {
    throw new KeyProblem(`A “${label}” block cannot check signatures. ${PASTE_PEM}`)
  }
  const { keyObject, description } = readPem(pem, label)
  assertKeyFitsAlg(keyObject, alg, description)
  const key =
    label === 'CERTIFICATE'
      ? await importX509(pem, alg)
      : await importSPKI(keyObject.export({ type: 'spki', format: 'pem' }).toString(), alg)
  return {
    key,
    label: description,
    mismatch: `The signature does not match ${description}: the token was signed with another key, or changed after signing.`,
  }
}

/** Node parses the PEM first: it names the key type for the messages and reads PKCS#1 RSA keys too. */
function readPem(pem: string, label: string): { keyObject: KeyObject; description: string } {
  try {
    if (label === 'CERTIFICATE') {
      const certificate = new X509Certificate(pem)
      const subject = certificate.subject.replace(/\n/g, ', ')
      return { keyObject: certificate.publicKey, description: `the certificate for ${subject}` }
    }
    const keyObject = createPublicKey({
      key: pem,
      format: 'pem',
      type: label === 'RSA PUBLIC KEY' ? 'pkcs1' : 'spki',
    })
    return { keyObject, description: `the ${describeKeyType(keyObject)} public key` }
  } catch {
    throw new KeyProblem(
      `The ${label.toLowerCase()} could not be read: part of it is missing or changed. ${PASTE_PEM}`,
    )
  }
}

/** Which key type each alg prefix needs, and the words for it. */
const KEY_TYPE_FOR_ALG: Array<[RegExp, string[], string]> = [
  [/^RS/, ['rsa'], 'an RSA key'],
  [/^PS/, ['rsa', 'rsa-pss'], 'an RSA key'],
  [/^ES256$/, ['ec:prime256v1'], 'an EC P-256 key'],
  [/^ES384$/, ['ec:secp384r1'], 'an EC P-384 key'],
  [/^ES512$/, ['ec:secp521r1'], 'an EC P-521 key'],
  [/^(EdDSA|Ed25519)$/, ['ed25519', 'ed448'], 'an Ed25519 key'],
  [/^ML-DSA-(\d+)$/, ['ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'], 'an ML-DSA key'],
]

function assertKeyFitsAlg(keyObject: KeyObject, alg: string, description: string): void {
  const rule = KEY_TYPE_FOR_ALG.find(([pattern]) => pattern.test(alg))
  if (!rule) return
  const type = keyObject.asymmetricKeyType ?? ''
  const curve = keyObject.asymmetricKeyDetails?.namedCurve
  const actual = type === 'ec' ? `ec:${curve}` : type
  if (!rule[1].includes(actual)) {
    throw new KeyProblem(
      `This is ${description}, but the token says ${alg}, which needs ${rule[2]}. Check that the key belongs to the server that issued the token.`,
    )
  }
}

function describeKeyType(keyObject: KeyObject): string {
  const type = keyObject.asymmetricKeyType
  const details = keyObject.asymmetricKeyDetails
  if (type === 'rsa' || type === 'rsa-pss') return `RSA ${details?.modulusLength ?? ''}`.trim()
  if (type === 'ec') return `EC ${curveName(details?.namedCurve)}`
  return type === 'ed25519' ? 'Ed25519' : (type ?? 'unknown').toUpperCase()
}

function curveName(namedCurve: string | undefined): string {
  const names: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }
  return names[namedCurve ?? ''] ?? namedCurve ?? ''
}

// --- JWK -------------------------------------------------------------------------------------------

const PASTE_JWK =
  'Paste one key as JSON, e.g. {"kty":"RSA","n":"…","e":"AQAB"}, or a key set {"keys":[…]}. For a -----BEGIN… key, choose “Public key (PEM)”.'
/** RFC 7518 §6: the members that make a JWK private; without them it is the public key. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv']

async function jwkCandidates(text: string, header: JWSHeaderParameters): Promise<Candidate[]> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new KeyProblem(`The JWK is not valid JSON. ${PASTE_JWK}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KeyProblem(`The JWK must be a JSON object. ${PASTE_JWK}`)
  }
  if (Array.isArray((parsed as JSONWebKeySet).keys)) {
    const keySet = parsed as JSONWebKeySet
    let lookup: KeySetLookup
    try {
      lookup = createLocalJWKSet(keySet)
    } catch (error) {
      throw new KeyProblem(`The key set is not valid: ${messageOf(error)} ${PASTE_JWK}`)
    }
    return jwksCandidates(lookup, () => keySet, header, 'the pasted key set')
  }
  return [await singleJwkCandidate(parsed as JWK, header.alg!)]
}

async function singleJwkCandidate(jwk: JWK, alg: string): Promise<Candidate> {
  if (typeof jwk.kty !== 'string')
    throw new KeyProblem(`This JSON is not a JWK: it has no "kty". ${PASTE_JWK}`)
  const hmac = alg in HMAC_MIN_BYTES
  if (hmac !== (jwk.kty === 'oct')) {
    throw new KeyProblem(
      hmac
        ? `The token is signed with ${alg}, which needs a shared secret (a JWK with "kty":"oct"); this JWK is "${jwk.kty}".`
        : `The token is signed with ${alg}, a public-key algorithm; this JWK is a shared secret ("kty":"oct").`,
    )
  }
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    throw new KeyProblem(`The JWK is for alg ${jwk.alg}, but the token says ${alg}.`)
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    throw new KeyProblem(`The JWK is marked "use":"${jwk.use}", not "sig": it is not meant for signatures.`)
  }
  const isPrivate = !hmac && PRIVATE_JWK_MEMBERS.some((member) => member in jwk)
  const publicJwk = isPrivate ? withoutPrivateMembers(jwk) : jwk
  let key: CryptoKey | Uint8Array
  try {
    key = await importJWK({ ...publicJwk, ext: true }, alg)
  } catch (error) {
    throw new KeyProblem(`The JWK could not be used for ${alg}: ${messageOf(error)} ${PASTE_JWK}`)
  }
  const label = `the JWK${jwk.kid ? ` with kid ${jwk.kid}` : ''}${isPrivate ? ' (its public part: you pasted a private key)' : ''}`
  return {
    key,
    label,
    mismatch: `The signature does not match ${label}: the token was signed with another key, or changed after signing.`,
  }
}

function withoutPrivateMembers(jwk: JWK): JWK {
  return Object.fromEntries(Object.entries(jwk).filter(([member]) => !PRIVATE_JWK_MEMBERS.includes(member)))
}

// --- JWKS ------------------------------------------------------------------------------------------

type KeySetLookup = (header: JWSHeaderParameters) => Promise<CryptoKey>

/** What the JWKS endpoint answered, kept so a failure can say "HTTP 404" or "a redirect to …". */
interface JwksResponse {
  status?: number
  location?: string | null
  body?: Promise<string>
}

async function remoteJwksCandidates(
  url: string,
  header: JWSHeaderParameters,
  timeoutMs: number,
  source: string,
): Promise<Candidate[]> {
  let parsedUrl: URL
  try {
    parsedUrl = new URL(url)
  } catch {
    throw new KeyProblem(`“${url}” is not a URL. Type the full JWKS URL, starting with https://.`)
  }
  const seen: JwksResponse = {}
  const recordingFetch: FetchImplementation = async (resource, init) => {
    const response = await fetch(resource, init)
    Object.assign(seen, {
      status: response.status,
      location: response.headers.get('location'),
      body: response
        .clone()
        .text()
        .catch(() => ''),
    })
    return response
  }
  const keySet = createRemoteJWKSet(parsedUrl, { timeoutDuration: timeoutMs, [customFetch]: recordingFetch })
  try {
    return await jwksCandidates(keySet, () => keySet.jwks(), header, source)
  } catch (error) {
    if (error instanceof KeyProblem) throw error
    throw new KeyProblem(await describeJwksFailure(error, url, seen, timeoutMs))
  }
}

async function jwksCandidates(
  lookup: KeySetLookup,
  keySet: () => JSONWebKeySet | undefined,
  header: JWSHeaderParameters,
  source: string,
): Promise<Candidate[]> {
  const kid = header.kid
  const label = kid !== undefined ? `kid ${kid} from ${source}` : `the key from ${source}`
  const mismatch =
    kid !== undefined
      ? `${capitalise(source)} has a key with kid "${kid}", but the signature does not match it: the token was changed after signing, or signed by another key that reuses this kid.`
      : `The signature does not match the key in ${source} that fits ${header.alg}.`
  try {
    return [{ key: await lookup(header), label, mismatch }]
  } catch (error) {
    if (error instanceof errors.JWKSMultipleMatchingKeys) return keysWithoutKid(error, header, source)
    if (error instanceof errors.JWKSNoMatchingKey)
      throw new KeyProblem(noMatchingKey(keySet(), header, source))
    throw error
  }
}

/** jose leaves the choice to the caller when several keys fit a token without kid: try each. */
async function keysWithoutKid(
  error: errors.JWKSMultipleMatchingKeys,
  header: JWSHeaderParameters,
  source: string,
): Promise<Candidate[]> {
  const keys: CryptoKey[] = []
  for await (const key of error) keys.push(key)
  const mismatch = `The token has no kid, and the signature matches none of the ${keys.length} keys in ${source} that fit ${header.alg}.`
  return keys.map((key, index) => ({
    key,
    label: `key ${index + 1} of the ${keys.length} in ${source} that fit ${header.alg} (the token has no kid)`,
    mismatch,
  }))
}

function noMatchingKey(
  keySet: JSONWebKeySet | undefined,
  header: JWSHeaderParameters,
  source: string,
): string {
  const keys = keySet?.keys ?? []
  if (keys.length === 0) return `${capitalise(source)} holds no keys.`
  const kids = keys.map((jwk) => jwk.kid).filter((kid): kid is string => typeof kid === 'string')
  const found = kids.length > 0 ? `Kids found: ${kids.join(', ')}.` : `Its ${keys.length} keys have no kid.`
  if (header.kid === undefined) {
    return `The token has no kid, and no key in ${source} fits alg ${header.alg}. ${found}`
  }
  const sameKid = keys.find((jwk) => jwk.kid === header.kid)
  if (sameKid) {
    return `${capitalise(source)} has a key with kid "${header.kid}", but it cannot check ${header.alg}: ${whyUnusable(sameKid, header.alg!)}.`
  }
  return `No key in ${source} has kid "${header.kid}". ${found} The token may come from another issuer or environment, or the keys were rotated.`
}

function whyUnusable(jwk: JWK, alg: string): string {
  if (jwk.use !== undefined && jwk.use !== 'sig') return `it is marked "use":"${jwk.use}", not "sig"`
  if (jwk.alg !== undefined && jwk.alg !== alg) return `it is for alg ${jwk.alg}`
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify'))
    return 'its key_ops do not include "verify"'
  return `it is a "${jwk.kty}"${jwk.crv ? ` (${jwk.crv})` : ''} key, which does not fit ${alg}`
}

async function describeJwksFailure(
  error: unknown,
  url: string,
  seen: JwksResponse,
  timeoutMs: number,
): Promise<string> {
  if (error instanceof errors.JWKSTimeout) {
    return `The JWKS at ${url} did not answer within ${Math.round(timeoutMs / 1000)} s.`
  }
  if (seen.status === undefined) {
    return `Could not reach the JWKS at ${url}: ${classifyNetworkError(error).message}`
  }
  if (seen.status >= 300 && seen.status < 400 && seen.location) {
    return `${url} answered HTTP ${seen.status}, a redirect to ${seen.location}. Use that address as the JWKS URL: keys are only read from the URL given.`
  }
  if (seen.status !== 200) {
    return `${url} answered HTTP ${seen.status}. Check the JWKS URL: the issuer’s discovery document names it as jwks_uri.`
  }
  const body = (await seen.body) ?? ''
  if (error instanceof errors.JWKSInvalid) {
    const discovery = body.includes('"jwks_uri"')
      ? ' This looks like a discovery document: choose “Issuer’s published keys”, or use its jwks_uri.'
      : ''
    return `${url} returned JSON, but not a usable key set (a JWKS looks like {"keys":[…]}): ${messageOf(error)}.${discovery}`
  }
  if (error instanceof errors.JOSEError && error.cause instanceof SyntaxError) {
    const start = body.trimStart().slice(0, 1) === '<' ? ' It looks like a web page (HTML).' : ''
    return `${url} did not return JSON.${start} Check the JWKS URL: the issuer’s discovery document names it as jwks_uri.`
  }
  return `The JWKS at ${url} could not be used: ${messageOf(error)}`
}

/** OpenID Connect Discovery 1.0 §4: the issuer's metadata names its key set as jwks_uri. */
async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const url = discoveryUrl(issuer)
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new KeyProblem(
      `Could not reach the issuer’s discovery document at ${url}: ${classifyNetworkError(error).message}`,
    )
  }
  if (response.status !== 200) {
    throw new KeyProblem(
      `${url} answered HTTP ${response.status}. Check the issuer URL: it is the token’s "iss", the part before /.well-known/openid-configuration.`,
    )
  }
  let metadata: unknown
  try {
    metadata = await response.json()
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new KeyProblem(
        `The discovery document at ${url} did not arrive within ${Math.round(timeoutMs / 1000)} s.`,
      )
    }
    throw new KeyProblem(`${url} did not return JSON. Check the issuer URL.`)
  }
  const jwksUri = (metadata as { jwks_uri?: unknown } | null)?.jwks_uri
  if (typeof jwksUri !== 'string' || jwksUri === '') {
    throw new KeyProblem(
      `The discovery document at ${url} names no jwks_uri, so the issuer publishes no keys there. Paste a public key instead.`,
    )
  }
  return jwksUri
}

// ---------------------------------------------------------------------------------------------------
// Claims

function timeChecks(
  payload: Record<string, unknown>,
  now: number,
): { checks: ClaimCheck[]; clockSkewSeconds?: number } {
  const checks = [expiryCheck(payload.exp, now)]
  if (payload.nbf !== undefined) checks.push(notBeforeCheck(payload.nbf, now))
  if (payload.iat === undefined) return { checks }
  checks.push(issuedAtCheck(payload.iat, now))
  const skew =
    typeof payload.iat === 'number' && payload.iat > now ? Math.round(payload.iat - now) : undefined
  return skew !== undefined ? { checks, clockSkewSeconds: skew } : { checks }
}

/** Within this many seconds of a time claim, a clock difference between two machines can decide it. */
const SMALL_SKEW_SECONDS = 60

function expiryCheck(exp: unknown, now: number): ClaimCheck {
  if (exp === undefined) {
    return { id: 'exp', ok: true, message: 'No "exp" claim: this token never expires.' }
  }
  if (!isNumericDate(exp)) return notANumber('exp', exp)
  const left = exp - now
  // RFC 7519 §4.1.4: the current time must be *before* exp; no leeway here.
  if (left <= 0) {
    const recent =
      -left <= SMALL_SKEW_SECONDS
        ? ' That is so recent that a clock difference between this computer and the server could decide it; servers often allow a minute or two of leeway.'
        : ''
    return { id: 'exp', ok: false, message: `Expired ${formatDuration(-left)} ago (${iso(exp)}).${recent}` }
  }
  const soon =
    left <= SMALL_SKEW_SECONDS
      ? ' That is soon: a server whose clock is a little ahead may already see it as expired.'
      : ''
  return {
    id: 'exp',
    ok: true,
    message: `Not expired: expires in ${formatDuration(left)} (${iso(exp)}).${soon}`,
  }
}

function notBeforeCheck(nbf: unknown, now: number): ClaimCheck {
  if (!isNumericDate(nbf)) return notANumber('nbf', nbf)
  const ahead = nbf - now
  if (ahead > 0) {
    return {
      id: 'nbf',
      ok: false,
      message: `Not valid yet: your clock may be behind the server’s by ${secondsOrDuration(ahead)} (valid from ${iso(nbf)}).`,
    }
  }
  return { id: 'nbf', ok: true, message: `Valid since ${formatDuration(-ahead)} ago (${iso(nbf)}).` }
}

function issuedAtCheck(iat: unknown, now: number): ClaimCheck {
  if (!isNumericDate(iat)) return notANumber('iat', iat)
  const ahead = iat - now
  if (ahead > 0) {
    return {
      id: 'iat',
      ok: false,
      message: `Issued ${secondsOrDuration(ahead)} in the future by this computer’s clock: your clock may be behind the server’s by about ${secondsOrDuration(ahead)}.`,
    }
  }
  return { id: 'iat', ok: true, message: `Issued ${formatDuration(-ahead)} ago (${iso(iat)}).` }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function notANumber(claim: 'exp' | 'nbf' | 'iat', value: unknown): ClaimCheck {
  return {
    id: claim,
    ok: false,
    message: `"${claim}" is ${JSON.stringify(value)}, not a number of seconds since 1970 (RFC 7519 §2): servers will reject it.`,
  }
}

function iso(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000)
  return Number.isNaN(date.getTime()) ? `${epochSeconds}` : date.toISOString()
}

/** "42 s" stays exact (the number to correct a clock by); longer spans read better coarse. */
function secondsOrDuration(seconds: number): string {
  return seconds < 300 ? `${Math.round(seconds)} s` : formatDuration(Math.round(seconds))
}

function issuerCheck(iss: unknown, expected: string): ClaimCheck {
  if (iss === undefined) {
    return { id: 'iss', ok: false, message: `The token has no "iss" claim; expected "${expected}".` }
  }
  if (iss === expected) return { id: 'iss', ok: true, message: `Issued by ${expected}, as expected.` }
  const slashOnly = typeof iss === 'string' && iss.replace(/\/+$/, '') === expected.replace(/\/+$/, '')
  return {
    id: 'iss',
    ok: false,
    message: slashOnly
      ? `The token says "${iss}", expected "${expected}": they differ only by a trailing slash, and issuers are compared character for character.`
      : `Issued by ${JSON.stringify(iss)}, not by "${expected}". The token may come from another tenant, realm or environment.`,
  }
}

function audienceCheck(aud: unknown, expected: string): ClaimCheck {
  if (aud === undefined) {
    return {
      id: 'aud',
      ok: false,
      message: `The token has no "aud" claim, so it names no API it is meant for; expected "${expected}".`,
    }
  }
  const audiences = (Array.isArray(aud) ? aud : [aud]).map(String)
  const listed = audiences.map((audience) => `"${audience}"`).join(', ')
  if (audiences.includes(expected)) {
    return {
      id: 'aud',
      ok: true,
      message:
        audiences.length === 1
          ? `Meant for "${expected}", as expected.`
          : `Meant for ${listed}, including "${expected}".`,
    }
  }
  const slash = audiences.some((audience) => audience.replace(/\/+$/, '') === expected.replace(/\/+$/, ''))
    ? ' They differ only by a trailing slash, and audiences are compared character for character.'
    : ''
  return {
    id: 'aud',
    ok: false,
    message: `Meant for ${listed}, not for "${expected}": that API will refuse it. Ask for the token with the right audience or resource parameter.${slash}`,
  }
}

/** `scope` is a space-delimited string (RFC 8693 §4.2, RFC 9068 §2.2.3); Microsoft and others use `scp`. */
function grantedScopes(payload: Record<string, unknown>): string[] | undefined {
  const claim = payload.scope ?? payload.scp
  if (typeof claim === 'string') return claim.split(/\s+/).filter(Boolean)
  if (Array.isArray(claim)) return claim.map(String)
  return undefined
}

function scopeCheck(payload: Record<string, unknown>, requested: string[]): ClaimCheck {
  const granted = grantedScopes(payload)
  const list = (scopes: string[]) => (scopes.length > 0 ? scopes.join(' ') : 'none')
  if (granted === undefined) {
    return {
      id: 'scope',
      ok: false,
      message: `The token has no "scope" or "scp" claim, so it grants none of: ${list(requested)}.`,
    }
  }
  const missing = requested.filter((scope) => !granted.includes(scope))
  const extra = granted.filter((scope) => !requested.includes(scope))
  const parts = [`Requested: ${list(requested)}.`, `Granted: ${list(granted)}.`]
  if (missing.length > 0)
    parts.push(`Missing: ${list(missing)} — calls that need them will be refused (insufficient_scope).`)
  if (extra.length > 0) parts.push(`Extra, granted but not requested: ${list(extra)}.`)
  if (missing.length === 0) parts.unshift('Every requested scope was granted.')
  return { id: 'scope', ok: missing.length === 0, message: parts.join(' ') }
}

// ---------------------------------------------------------------------------------------------------

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return /[.!?]$/.test(message) ? message : `${message}.`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
