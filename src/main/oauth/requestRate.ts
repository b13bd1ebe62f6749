const WINDOW_MS = 60_000

/**
 * How many token requests each integration made in the last minute. A vendor that rate-limits its
 * token endpoint (SkyKick) is diagnosed better when we can say "you asked 6 times this minute".
 */
export class RequestRate {
  private readonly times = new Map<string, number[]>()

  constructor(private readonly now: () => number) {}

  /** Records one request and returns the count in the last minute, this one included. */
  record(key: string): number {
    const cutoff = this.now() - WINDOW_MS
    const recent = (this.times.get(key) ?? []).filter((time) => time > cutoff)
    recent.push(this.now())
    this.times.set(key, recent)
    return recent.length
  }
}
