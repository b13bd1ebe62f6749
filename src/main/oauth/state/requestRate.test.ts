import { describe, expect, it } from 'vitest'
import { RequestRate } from './requestRate'

describe('RequestRate: token requests per integration in the last minute', () => {
  it('counts this minute’s requests per integration, and forgets those older than a minute', () => {
    let now = 1_000_000
    const rate = new RequestRate(() => now)
    expect(rate.record('skykick')).toBe(1)
    now += 20_000
    expect(rate.record('skykick')).toBe(2)
    expect(rate.record('avionte')).toBe(1)
    now += 40_001 // the first request is now more than a minute old
    expect(rate.record('skykick')).toBe(2)
    now += 120_000
    expect(rate.record('skykick')).toBe(1)
  })

  it('keeps counting right over many requests (the list is compacted as it goes)', () => {
    let now = 0
    const rate = new RequestRate(() => now)
    let count = 0
    for (let index = 0; index < 10_000; index++) {
      now += 10 // 6,000 requests fit in a minute
      count = rate.record('busy')
    }
    expect(count).toBe(6000)
  })
})
