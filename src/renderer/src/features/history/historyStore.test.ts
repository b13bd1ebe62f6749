import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '@shared/history'
import { errorOf, filtering, withinDates } from './historyStore'

function entry(at: Date, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: at.toISOString(),
    at: at.toISOString(),
    purpose: 'token',
    method: 'POST',
    url: 'https://auth.example/token',
    ok: true,
    durationMs: 5,
    exchange: {
      id: 'x',
      purpose: 'token',
      startedAt: at.toISOString(),
      durationMs: 5,
      request: { method: 'POST', url: 'https://auth.example/token', headers: [] },
    },
    ...extra,
  } as HistoryEntry
}

describe('the history date filter', () => {
  // Noon on 10 March, local time: "today" and "last 7 days" are the user's own calendar days.
  const now = new Date(2026, 2, 10, 12, 0, 0).getTime()
  const earlyToday = entry(new Date(2026, 2, 10, 0, 5))
  const lateYesterday = entry(new Date(2026, 2, 9, 23, 55))
  const sixDaysAgo = entry(new Date(2026, 2, 4, 8, 0))
  const eightDaysAgo = entry(new Date(2026, 2, 2, 8, 0))
  const all = [earlyToday, lateYesterday, sixDaysAgo, eightDaysAgo]

  it('today starts at the local midnight', () => {
    expect(withinDates(all, { period: 'today' }, now)).toEqual([earlyToday])
  })

  it('the last 7 days are today and the six days before it', () => {
    expect(withinDates(all, { period: 'week' }, now)).toEqual([earlyToday, lateYesterday, sixDaysAgo])
  })

  it('from–to includes both days whole; an open end is unbounded', () => {
    expect(withinDates(all, { period: 'range', from: '2026-03-04', to: '2026-03-09' }, now)).toEqual([
      lateYesterday,
      sixDaysAgo,
    ])
    expect(withinDates(all, { period: 'range', to: '2026-03-04' }, now)).toEqual([sixDaysAgo, eightDaysAgo])
    expect(withinDates(all, { period: 'range', from: '2026-03-10' }, now)).toEqual([earlyToday])
  })

  it('counts a date filter as filtering, so an empty list reads as "no match"', () => {
    expect(filtering({}, { period: 'all' })).toBe(false)
    expect(filtering({}, { period: 'today' })).toBe(true)
    expect(filtering({ outcome: 'failed' }, { period: 'all' })).toBe(true)
  })
})

describe('the history error column', () => {
  const at = new Date(2026, 2, 10)
  it('shows the OAuth error code the server sent', () => {
    const refused = entry(at, {
      ok: false,
      status: 401,
      diagnosis: { kind: 'oauth-error', error: 'invalid_client', vendor: {}, summary: 's', hints: [] },
    })
    expect(errorOf(refused)).toBe('invalid_client')
  })

  it('shows the kind of network failure when there was no answer', () => {
    const failed = entry(at, { ok: false })
    failed.exchange.networkError = { kind: 'timeout', code: 'ETIMEDOUT', message: 'No answer within 1 s.' }
    expect(errorOf(failed)).toBe('timeout')
  })

  it('is empty for a success', () => {
    expect(errorOf(entry(at))).toBeUndefined()
  })
})
