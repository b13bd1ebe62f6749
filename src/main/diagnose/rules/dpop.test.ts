import { describe, expect, it } from 'vitest'
import { diagnoseFor } from '../test/recordedExchange'

const proofHeader = (alg: string) =>
  `${Buffer.from(JSON.stringify({ alg, typ: 'dpop+jwt' })).toString('base64url')}.eyJ9.c2ln`

const tokenCall = (
  body: object,
  headers: Array<[string, string]> = [['Content-Type', 'application/json']],
) => ({
  url: 'https://as.example.test/token',
  requestBody: 'grant_type=client_credentials',
  requestHeaders: [
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['DPoP', proofHeader('ES256')],
  ] as Array<[string, string]>,
  status: 400,
  headers,
  body,
})

describe('diagnosis of DPoP refusals', () => {
  it('explains a replayed proof: one proof per request', () => {
    const { diagnosis, hint } = diagnoseFor(
      tokenCall({ error: 'invalid_dpop_proof', error_description: 'DPoP proof JWT Replay detected' }),
    )
    expect(diagnosis.summary).toBe(
      'The vendor said: DPoP proof JWT Replay detected (HTTP 400, invalid_dpop_proof).',
    )
    expect(hint('dpop-proof-refused').message).toMatch(/has seen this proof before \(jti\)/)
  })

  it('explains a wrong htu by the URL the server sees, pointing at the Token URL on a token call', () => {
    const { hint } = diagnoseFor(
      tokenCall({ error: 'invalid_dpop_proof', error_description: 'DPoP proof htu mismatch' }),
    )
    expect(hint('dpop-proof-refused')).toEqual({
      code: 'dpop-proof-refused',
      message: expect.stringContaining(
        'use the address the server itself sees in the Token URL or API base URL',
      ),
      field: 'tokenUrl',
    })
  })

  it('names the algorithms a resource accepts when the proof used another', () => {
    const { hint } = diagnoseFor(
      {
        url: 'https://api.example.test/orders',
        method: 'GET',
        purpose: 'api',
        requestHeaders: [
          ['Authorization', 'DPoP token-value-123'],
          ['DPoP', proofHeader('RS256')],
        ],
        status: 401,
        headers: [['WWW-Authenticate', 'DPoP error="invalid_dpop_proof", algs="ES256 EdDSA"']],
        body: '',
        secrets: ['token-value-123'],
      },
      { purpose: 'api' },
    )
    expect(hint('dpop-proof-refused')).toMatchObject({
      message:
        'The server accepts DPoP proofs signed with ES256, EdDSA, and this one was RS256: change the DPoP key algorithm to one of those (TokenDesk makes a new key).',
      field: 'dpop.algorithm',
    })
  })

  it('says a nonce challenge is answered by itself, and what a missing DPoP-Nonce header means', () => {
    const challenge = { error: 'use_dpop_nonce', error_description: 'nonce is required in the DPoP proof' }
    const answered = diagnoseFor(
      tokenCall(challenge, [
        ['Content-Type', 'application/json'],
        ['DPoP-Nonce', 'n-1'],
      ]),
    )
    expect(answered.hint('dpop-nonce').message).toMatch(/^Not a mistake in the integration/)
    const stripped = diagnoseFor(tokenCall(challenge))
    expect(stripped.hint('dpop-nonce').message).toMatch(/no DPoP-Nonce header/)
  })

  it('tells to turn on DPoP when a resource answers a Bearer token with a DPoP challenge', () => {
    const { hint } = diagnoseFor(
      {
        url: 'https://api.example.test/orders',
        method: 'GET',
        purpose: 'api',
        requestHeaders: [['Authorization', 'Bearer token-value-456']],
        status: 401,
        headers: [['WWW-Authenticate', 'DPoP algs="ES256"']],
        body: '',
        secrets: ['token-value-456'],
      },
      { purpose: 'api' },
    )
    expect(hint('dpop-required')).toMatchObject({
      field: 'dpop.enabled',
      message: expect.stringContaining('Turn on Use DPoP'),
    })
  })
})
