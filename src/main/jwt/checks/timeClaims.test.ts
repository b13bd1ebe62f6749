import { describe, expect, it } from 'vitest'
import type { ClaimCheck } from '../../../shared/jwt'
import { timeChecks } from './timeClaims'

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0) / 1000
const isoAt = (offsetSeconds: number) => new Date((NOW + offsetSeconds) * 1000).toISOString()

function check(payload: Record<string, unknown>, id: string): ClaimCheck {
  const found = timeChecks(payload, NOW).checks.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no "${id}" check`)
  return found
}

describe('timeChecks: exp', () => {
  it('counts a token as expired at exactly exp, and says a clock difference could decide it', () => {
    expect(check({ exp: NOW }, 'exp')).toEqual({
      id: 'exp',
      ok: false,
      message: `Expired 0 s ago. That is so recent that a clock difference between this computer and the server could decide it; servers often allow a minute or two of leeway.`,
      at: isoAt(0),
    })
  })

  it('says how long ago a token expired, without the clock note when it is long past', () => {
    expect(check({ exp: NOW - 2 * 3600 }, 'exp')).toEqual({
      id: 'exp',
      ok: false,
      message: `Expired 2 h ago.`,
      at: isoAt(-2 * 3600),
    })
  })

  it('passes a token one second before exp, and warns that a server ahead may see it expired', () => {
    expect(check({ exp: NOW + 1 }, 'exp')).toEqual({
      id: 'exp',
      ok: true,
      message: `Not expired: expires in 1 s. That is soon: a server whose clock is a little ahead may already see it as expired.`,
      at: isoAt(1),
    })
  })

  it('says when the token expires, without the clock note when it is more than a minute away', () => {
    expect(check({ exp: NOW + 15 * 60 }, 'exp').message).toBe(`Not expired: expires in 15 min.`)
  })

  it('passes a token without exp, saying it never expires', () => {
    expect(check({}, 'exp')).toEqual({
      id: 'exp',
      ok: true,
      message: 'No "exp" claim: this token never expires.',
    })
  })

  it('fails an exp written as a string, quoting it', () => {
    expect(check({ exp: String(NOW) }, 'exp')).toEqual({
      id: 'exp',
      ok: false,
      message: `"exp" is "${NOW}", not a number of seconds since 1970 (RFC 7519 §2): servers will reject it.`,
    })
  })

  it('gives no date when exp is past the last date JavaScript can show', () => {
    expect(check({ exp: 9e15 }, 'exp').at).toBeUndefined()
    expect(check({ exp: 9e15 }, 'exp').message).toMatch(/^Not expired: expires in \d+ d\.$/)
  })
})

describe('timeChecks: nbf', () => {
  it('fails a token valid a few seconds from now, and gives the clock difference in seconds', () => {
    expect(check({ nbf: NOW + 5 }, 'nbf')).toEqual({
      id: 'nbf',
      ok: false,
      message: `Not valid yet: your clock may be behind the server’s by 5 s.`,
      at: isoAt(5),
    })
  })

  it('gives a long wait in minutes rather than seconds', () => {
    expect(check({ nbf: NOW + 10 * 60 }, 'nbf').message).toBe(
      `Not valid yet: your clock may be behind the server’s by 10 min.`,
    )
  })

  it('passes a token valid from exactly now', () => {
    expect(check({ nbf: NOW }, 'nbf')).toEqual({
      id: 'nbf',
      ok: true,
      message: `Valid since 0 s ago.`,
      at: isoAt(0),
    })
  })

  it('checks nbf only when the token has one', () => {
    expect(timeChecks({ exp: NOW + 60 }, NOW).checks.map((c) => c.id)).toEqual(['exp'])
  })
})

describe('timeChecks: iat', () => {
  it('fails an iat in the future and reports it as clock skew', () => {
    const result = timeChecks({ exp: NOW + 3600, iat: NOW + 42 }, NOW)
    expect(result.clockSkewSeconds).toBe(42)
    expect(result.checks.find((c) => c.id === 'iat')).toEqual({
      id: 'iat',
      ok: false,
      message:
        'Issued 42 s in the future by this computer’s clock: your clock may be behind the server’s by about 42 s.',
      at: isoAt(42),
    })
  })

  it('passes an iat in the past and reports no clock skew', () => {
    const result = timeChecks({ exp: NOW + 3600, iat: NOW - 90 }, NOW)
    expect(result.clockSkewSeconds).toBeUndefined()
    expect(result.checks.find((c) => c.id === 'iat')).toEqual({
      id: 'iat',
      ok: true,
      message: `Issued 1 min ago.`,
      at: isoAt(-90),
    })
  })

  it('lists exp, nbf and iat in that order', () => {
    const ids = timeChecks({ iat: NOW, nbf: NOW, exp: NOW + 60 }, NOW).checks.map((c) => c.id)
    expect(ids).toEqual(['exp', 'nbf', 'iat'])
  })
})

describe('timeChecks with fractional and extreme times', () => {
  it('reads a fractional NumericDate in whole seconds', () => {
    expect(check({ exp: NOW + 10.123 }, 'exp').message).toMatch(/^Not expired: expires in 10 s\./)
  })

  it('reports no clock skew for an iat too large to be a date', () => {
    expect(timeChecks({ iat: JSON.parse('1e400') }, NOW).clockSkewSeconds).toBeUndefined()
  })
})
