import { describe, expect, it } from 'vitest'
import {
  emptyLedger,
  fateOf,
  fingerprintOf,
  parseLedger,
  receiveRefreshToken,
  refuseRefreshToken,
} from './refreshTokenLedger'

const monday = new Date('2026-11-23T09:00:00Z')
const tuesday = new Date('2026-11-24T10:05:00Z')

describe('the refresh-token ledger', () => {
  it('remembers the token a rotation replaced, and when, by fingerprint only', () => {
    const first = receiveRefreshToken(emptyLedger(), 'r-1', monday, 'r-0')
    const second = receiveRefreshToken(first, 'r-2', tuesday)
    expect(second.current).toEqual({ value: 'r-2', receivedAt: tuesday.toISOString() })
    expect(fateOf(second, 'r-1')).toEqual({ fate: 'replaced', at: tuesday.toISOString() })
    expect(fateOf(second, 'r-0')).toEqual({ fate: 'replaced', at: monday.toISOString() })
    expect(fateOf(second, 'never seen')).toBeUndefined()
    expect(JSON.stringify(second)).not.toMatch(/r-0|r-1/)
    expect(second.past.map((each) => each.fingerprint)).toEqual([fingerprintOf('r-1'), fingerprintOf('r-0')])
  })

  it('drops a refused current token and keeps the more telling fact about a replaced one', () => {
    const ledger = receiveRefreshToken(emptyLedger(), 'r-1', monday, 'r-0')
    const refused = refuseRefreshToken(refuseRefreshToken(ledger, 'r-1', tuesday), 'r-0', tuesday)
    expect(refused.current).toBeUndefined()
    expect(fateOf(refused, 'r-1')).toEqual({ fate: 'refused', at: tuesday.toISOString() })
    expect(fateOf(refused, 'r-0')).toEqual({ fate: 'replaced', at: monday.toISOString() })
  })

  it('reads a kept ledger of another shape as nothing known', () => {
    expect(parseLedger('garbage')).toEqual(emptyLedger())
    expect(
      parseLedger({ current: { value: 7 }, past: [{ fingerprint: 'x', fate: 'lost', at: 'y' }] }),
    ).toEqual(emptyLedger())
    const ledger = receiveRefreshToken(emptyLedger(), 'r-1', monday, 'r-0')
    expect(parseLedger(JSON.parse(JSON.stringify(ledger)))).toEqual(ledger)
  })
})
