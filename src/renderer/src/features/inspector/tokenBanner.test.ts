import { describe, expect, it } from 'vitest'
import { tokenBanner, type TokenState } from './tokenBanner'

const usable: TokenState = { unsigned: false, expired: false, notYetValid: false, hasExpiry: true }

describe('tokenBanner', () => {
  it('is green for a token within its times, and says when its signature was verified', () => {
    expect(tokenBanner(usable)).toEqual({ tone: 'ok', headline: 'Valid' })
    expect(tokenBanner({ ...usable, signature: 'valid' })).toEqual({
      tone: 'ok',
      headline: 'Valid, signature verified',
    })
  })

  it('is red for an unsigned token even when its times hold', () => {
    expect(tokenBanner({ ...usable, unsigned: true })).toEqual({
      tone: 'error',
      headline: 'Unsigned (alg none) — anyone could have written it',
    })
    expect(tokenBanner({ ...usable, unsigned: true, expired: true }).headline).toBe(
      'Unsigned (alg none) — anyone could have written it; expired',
    )
  })

  it('is red for an invalid signature and amber for one that was not checked or is not supported', () => {
    expect(tokenBanner({ ...usable, signature: 'invalid' })).toEqual({
      tone: 'error',
      headline: 'Signature invalid',
    })
    for (const signature of ['unchecked', 'unsupported'] as const) {
      expect(tokenBanner({ ...usable, signature })).toEqual({
        tone: 'warning',
        headline: 'Signature not checked',
      })
    }
  })

  it('is red for an expired or not-yet-valid token, and amber without exp', () => {
    expect(tokenBanner({ ...usable, expired: true })).toEqual({ tone: 'error', headline: 'Expired' })
    expect(tokenBanner({ ...usable, notYetValid: true })).toEqual({
      tone: 'error',
      headline: 'Not valid yet',
    })
    expect(tokenBanner({ ...usable, hasExpiry: false })).toEqual({ tone: 'warning', headline: 'No expiry' })
    expect(tokenBanner({ ...usable, hasExpiry: false, signature: 'unchecked' }).headline).toBe(
      'Signature not checked; no expiry',
    )
  })
})
