import { describe, expect, it } from 'vitest'
import { describeExpiry, describeNotBefore, formatDuration } from './time'

const now = Date.UTC(2026, 10, 24, 12, 0, 0)
const inSeconds = (seconds: number) => now / 1000 + seconds

describe('expiry wording', () => {
  it('reads like a person would say it', () => {
    expect(describeExpiry(inSeconds(14 * 60), now)).toBe('expires in 14 min')
    expect(describeExpiry(inSeconds(-3 * 3600), now)).toBe('expired 3 h ago')
    expect(describeExpiry(inSeconds(45), now)).toBe('expires in 45 s')
    expect(describeNotBefore(inSeconds(90), now)).toBe('not valid for another 1 min')
  })

  it('keeps minutes for short hour spans only', () => {
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min')
    expect(formatDuration(12 * 3600 + 20 * 60)).toBe('12 h')
    expect(formatDuration(3 * 86_400)).toBe('3 d')
  })
})
