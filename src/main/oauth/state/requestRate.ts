const WINDOW_MS = 60_000

/** Request times of one integration, oldest first; `start` skips those that left the window. */
interface Recent {
  times: number[]
  start: number
}

/**
 * How many token requests each integration made in the last minute. A vendor that rate-limits its
 * token endpoint (SkyKick) is diagnosed better when we can say "you asked 6 times this minute".
 * Times arrive in order, so leaving the window is a move of `start`: O(1) per request, not a scan.
 */
export class RequestRate {
  private readonly recent = new Map<string, Recent>()

  constructor(private readonly now: () => number) {}

  /** Records one request and returns the count in the last minute, this one included. */
  record(key: string): number {
    const now = this.now()
    const cutoff = now - WINDOW_MS
    let entry = this.recent.get(key)
    if (!entry) this.recent.set(key, (entry = { times: [], start: 0 }))
    while (entry.start < entry.times.length && entry.times[entry.start]! <= cutoff) entry.start++
    // Drop the skipped part now and then, so a busy integration's list stays about a minute long.
    if (entry.start > 1024 && entry.start * 2 > entry.times.length) {
      entry.times = entry.times.slice(entry.start)
      entry.start = 0
    }
    entry.times.push(now)
    return entry.times.length - entry.start
  }
}
