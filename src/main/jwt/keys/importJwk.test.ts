import {
  compactVerify,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWSHeaderParameters,
} from 'jose'
import { describe, expect, it } from 'vitest'
import { jwkCandidates } from './importJwk'
import { KeyProblem } from './keyProblem'

const PASTE_JWK =
  'Paste one key as JSON, e.g. {"kty":"RSA","n":"…","e":"AQAB"}, or a key set {"keys":[…]}. For a -----BEGIN… key, choose “Public key (PEM)”.'

async function rsaPair(kid?: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const token = await new SignJWT({ sub: 'alice' })
    .setProtectedHeader({ alg: 'RS256', ...(kid ? { kid } : {}) })
    .sign(privateKey)
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), ...(kid ? { kid } : {}) }
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), ...(kid ? { kid } : {}) }
  return { token, publicJwk, privateJwk }
}

async function refusal(text: string, header: JWSHeaderParameters): Promise<string> {
  try {
    await jwkCandidates(text, header)
  } catch (error) {
    expect(error).toBeInstanceOf(KeyProblem)
    return (error as Error).message
  }
  throw new Error('expected jwkCandidates to refuse the JWK')
}

describe('jwkCandidates with one JWK', () => {
  it('checks the signature with a public JWK and names its kid', async () => {
    const { token, publicJwk } = await rsaPair('k1')
    const [candidate] = await jwkCandidates(JSON.stringify(publicJwk), { alg: 'RS256', kid: 'k1' })
    expect(candidate!.label).toBe('the JWK with kid k1')
    await expect(compactVerify(token, candidate!.key)).resolves.toBeDefined()
  })

  it('calls a JWK without kid just "the JWK"', async () => {
    const { publicJwk } = await rsaPair()
    const [candidate] = await jwkCandidates(JSON.stringify(publicJwk), { alg: 'RS256' })
    expect(candidate!.label).toBe('the JWK')
    expect(candidate!.mismatch).toBe(
      'The signature does not match the JWK: the token was signed with another key, or changed after signing.',
    )
  })

  it('uses only the public part of a pasted private JWK, and says so', async () => {
    const { token, privateJwk } = await rsaPair('k1')
    const [candidate] = await jwkCandidates(JSON.stringify(privateJwk), { alg: 'RS256', kid: 'k1' })
    expect(candidate!.label).toBe('the JWK with kid k1 (its public part: you pasted a private key)')
    expect((candidate!.key as CryptoKey).type).toBe('public')
    await expect(compactVerify(token, candidate!.key)).resolves.toBeDefined()
  })

  it('reads a "kty":"oct" JWK as the shared secret for HS256', async () => {
    const secret = new Uint8Array(32).fill(9)
    const token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'HS256' }).sign(secret)
    const [candidate] = await jwkCandidates(JSON.stringify(await exportJWK(secret)), { alg: 'HS256' })
    await expect(compactVerify(token, candidate!.key)).resolves.toBeDefined()
  })

  it('says a public-key JWK cannot check an HMAC token, and the reverse', async () => {
    const { publicJwk } = await rsaPair()
    expect(await refusal(JSON.stringify(publicJwk), { alg: 'HS256' })).toBe(
      'The token is signed with HS256, which needs a shared secret (a JWK with "kty":"oct"); this JWK is "RSA".',
    )
    const oct = await exportJWK(new Uint8Array(32))
    expect(await refusal(JSON.stringify(oct), { alg: 'RS256' })).toBe(
      'The token is signed with RS256, a public-key algorithm; this JWK is a shared secret ("kty":"oct").',
    )
  })

  it('refuses a JWK meant for another alg or for encryption', async () => {
    const { publicJwk } = await rsaPair()
    expect(await refusal(JSON.stringify({ ...publicJwk, alg: 'RS512' }), { alg: 'RS256' })).toBe(
      'The JWK is for alg RS512, but the token says RS256.',
    )
    expect(await refusal(JSON.stringify({ ...publicJwk, use: 'enc' }), { alg: 'RS256' })).toBe(
      'The JWK is marked "use":"enc", not "sig": it is not meant for signatures.',
    )
  })

  it('says what to paste when the text is not a JWK', async () => {
    expect(await refusal('-----BEGIN PUBLIC KEY-----', { alg: 'RS256' })).toBe(
      `The JWK is not valid JSON. ${PASTE_JWK}`,
    )
    expect(await refusal('[{"kty":"RSA"}]', { alg: 'RS256' })).toBe(
      `The JWK must be a JSON object. ${PASTE_JWK}`,
    )
    expect(await refusal('{"n":"abc","e":"AQAB"}', { alg: 'RS256' })).toBe(
      `This JSON is not a JWK: it has no "kty". ${PASTE_JWK}`,
    )
  })

  it('says why jose could not import a JWK of the wrong type for the alg', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true })
    expect(await refusal(JSON.stringify(await exportJWK(publicKey)), { alg: 'RS256' })).toMatch(
      /^The JWK could not be used for RS256: .+ Paste one key as JSON/,
    )
  })
})

describe('jwkCandidates with a key set', () => {
  it('picks the key whose kid the token names', async () => {
    const one = await rsaPair('k1')
    const two = await rsaPair('k2')
    const set = JSON.stringify({ keys: [one.publicJwk, two.publicJwk] })
    const candidates = await jwkCandidates(set, { alg: 'RS256', kid: 'k2' })
    expect(candidates.map((candidate) => candidate.label)).toEqual(['kid k2 from the pasted key set'])
    await expect(compactVerify(two.token, candidates[0]!.key)).resolves.toBeDefined()
  })

  it('offers every fitting key, one by one, when the token has no kid', async () => {
    const one = await rsaPair('k1')
    const two = await rsaPair('k2')
    const set = JSON.stringify({ keys: [one.publicJwk, two.publicJwk] })
    const candidates = await jwkCandidates(set, { alg: 'RS256' })
    expect(candidates.map((candidate) => candidate.label)).toEqual([
      'key 1 of the 2 in the pasted key set that fit RS256 (the token has no kid)',
      'key 2 of the 2 in the pasted key set that fit RS256 (the token has no kid)',
    ])
    expect(candidates[0]!.mismatch).toBe(
      'The token has no kid, and the signature matches none of the 2 keys in the pasted key set that fit RS256.',
    )
  })

  it('lists the kids it has when none is the token’s', async () => {
    const one = await rsaPair('k1')
    const two = await rsaPair('k2')
    const set = JSON.stringify({ keys: [one.publicJwk, two.publicJwk] })
    expect(await refusal(set, { alg: 'RS256', kid: 'k9' })).toBe(
      'No key in the pasted key set has kid "k9". Kids found: k1, k2. The token may come from another issuer or environment, or the keys were rotated.',
    )
  })

  it('says why the key with the token’s kid cannot check it', async () => {
    const { publicJwk } = await rsaPair('k1')
    const set = JSON.stringify({ keys: [{ ...publicJwk, use: 'enc' }] })
    expect(await refusal(set, { alg: 'RS256', kid: 'k1' })).toBe(
      'The pasted key set has a key with kid "k1", but it cannot check RS256: it is marked "use":"enc", not "sig".',
    )
  })

  it('says when the key set is empty', async () => {
    expect(await refusal('{"keys":[]}', { alg: 'RS256', kid: 'k1' })).toBe(
      'The pasted key set holds no keys.',
    )
  })
})

describe('jwkCandidates with a pasted key set that needs care', () => {
  it('uses only the public half of private keys in a set, as for a single JWK', async () => {
    const { privateJwk } = await rsaPair('k1')
    await expect(
      jwkCandidates(JSON.stringify({ keys: [privateJwk] }), { alg: 'RS256', kid: 'k1' }),
    ).resolves.toHaveLength(1)
  })

  it('explains a set member with broken key data instead of passing on jose’s error', async () => {
    const message = await refusal('{"keys":[{"kty":"RSA","kid":"k1"}]}', { alg: 'RS256', kid: 'k1' })
    expect(message).toContain(PASTE_JWK)
  })
})
