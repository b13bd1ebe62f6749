import { describe, expect, it } from 'vitest'
import { readDpopNonce, readDpopNonceChallenge } from './nonceChallenge'

const json = (body: object) => JSON.stringify(body)

describe('DPoP nonce challenge', () => {
  it('reads the nonce a token endpoint asks for with a 400 use_dpop_nonce (RFC 9449 §8)', () => {
    const nonce = readDpopNonceChallenge({
      status: 400,
      headers: [
        ['Content-Type', 'application/json'],
        ['DPoP-Nonce', 'eyJ7S_zG.eyJH0-Z.HX4w-7v'],
      ],
      body: json({
        error: 'use_dpop_nonce',
        error_description: 'Authorization server requires nonce in DPoP proof',
      }),
    })
    expect(nonce).toBe('eyJ7S_zG.eyJH0-Z.HX4w-7v')
  })

  it('reads the nonce a resource asks for with a 401 DPoP challenge (RFC 9449 §9)', () => {
    const nonce = readDpopNonceChallenge({
      status: 401,
      headers: [
        [
          'WWW-Authenticate',
          'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
        ],
        ['dpop-nonce', 'eyJ7S_zG.eyJbYu3.xQmBj-1'],
      ],
    })
    expect(nonce).toBe('eyJ7S_zG.eyJbYu3.xQmBj-1')
  })

  it('finds the DPoP challenge among others', () => {
    const nonce = readDpopNonceChallenge({
      status: 401,
      headers: [
        ['WWW-Authenticate', 'Bearer realm="api", DPoP algs="ES256 RS256", error="use_dpop_nonce"'],
        ['DPoP-Nonce', 'n-1'],
      ],
    })
    expect(nonce).toBe('n-1')
  })

  it('is no challenge for another error, status or scheme, even with a DPoP-Nonce header', () => {
    const nonceHeader: [string, string] = ['DPoP-Nonce', 'n-2']
    expect(
      readDpopNonceChallenge({
        status: 400,
        headers: [nonceHeader],
        body: json({ error: 'invalid_dpop_proof' }),
      }),
    ).toBeUndefined()
    expect(
      readDpopNonceChallenge({
        status: 401,
        headers: [nonceHeader],
        body: json({ error: 'use_dpop_nonce' }),
      }),
    ).toBeUndefined()
    expect(
      readDpopNonceChallenge({
        status: 401,
        headers: [nonceHeader, ['WWW-Authenticate', 'Bearer error="use_dpop_nonce"']],
      }),
    ).toBeUndefined()
    expect(readDpopNonceChallenge({ status: 200, headers: [nonceHeader], body: '{}' })).toBeUndefined()
  })

  it('has nothing to retry with when the nonce is missing or not a nonce', () => {
    const challenge = { status: 400, body: json({ error: 'use_dpop_nonce' }) }
    expect(readDpopNonceChallenge({ ...challenge, headers: [] })).toBeUndefined()
    expect(
      readDpopNonceChallenge({ ...challenge, headers: [['DPoP-Nonce', 'has "quotes"']] }),
    ).toBeUndefined()
    expect(
      readDpopNonceChallenge({ ...challenge, headers: [['DPoP-Nonce', 'x'.repeat(2000)]] }),
    ).toBeUndefined()
  })

  it('does not read a body or a challenge past its size cap', () => {
    const padded = json({ error: 'use_dpop_nonce', padding: 'x'.repeat(70_000) })
    expect(
      readDpopNonceChallenge({ status: 400, headers: [['DPoP-Nonce', 'n']], body: padded }),
    ).toBeUndefined()
    const long = `${'a=b, '.repeat(2000)}DPoP error="use_dpop_nonce"`
    expect(
      readDpopNonceChallenge({
        status: 401,
        headers: [
          ['WWW-Authenticate', long],
          ['DPoP-Nonce', 'n'],
        ],
      }),
    ).toBeUndefined()
  })

  it('reads a fresh nonce from any answer', () => {
    expect(readDpopNonce([['DPoP-Nonce', ' n-3 ']])).toBe('n-3')
    expect(readDpopNonce([])).toBeUndefined()
  })
})
