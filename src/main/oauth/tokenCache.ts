import type { TokenSet } from '../../shared/token'

export interface CachedToken {
  token: TokenSet
  obtainedAtMs: number
  /** Undefined when the vendor gave no lifetime: reused until the API answers 401. */
  expiresAtMs?: number
}

/** Renew a minute early, or a tenth of the lifetime for short-lived tokens, so no call carries a dying token. */
const MAX_EARLY_RENEWAL_MS = 60_000

/**
 * One cache for every grant: tokens per integration, reused until shortly before expiry, and one
 * in-flight request per integration that concurrent callers share (1,000 callers, one token request).
 */
export class TokenCache {
  private readonly entries = new Map<string, CachedToken>()
  private readonly inFlight = new Map<string, Promise<unknown>>()

  constructor(
    private readonly now: () => number = Date.now,
    /** Told of every new token, so it can be kept (encrypted) across restarts. */
    private readonly onStore?: (key: string, entry: CachedToken) => void,
  ) {}

  /** Puts back a token kept from an earlier session; not reported to onStore. */
  restore(key: string, token: TokenSet): void {
    this.entries.set(key, {
      token,
      obtainedAtMs: this.now(),
      expiresAtMs: token.expires_at ? Date.parse(token.expires_at) : undefined,
    })
  }

  get(key: string): CachedToken | undefined {
    return this.entries.get(key)
  }

  set(key: string, token: TokenSet): CachedToken {
    const previous = this.entries.get(key)
    const entry: CachedToken = {
      // Refresh-token rotation (RFC 6749 §6, RFC 9700 §4.14.2): the newest replaces the old; a
      // response without one keeps the one we had.
      token:
        token.refresh_token || !previous?.token.refresh_token
          ? token
          : { ...token, refresh_token: previous.token.refresh_token },
      obtainedAtMs: this.now(),
      expiresAtMs: token.expires_at ? Date.parse(token.expires_at) : undefined,
    }
    this.entries.set(key, entry)
    this.onStore?.(key, entry)
    return entry
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }

  isFresh(entry: CachedToken): boolean {
    if (entry.expiresAtMs === undefined) return true
    const lifetime = entry.expiresAtMs - entry.obtainedAtMs
    const early = Math.min(MAX_EARLY_RENEWAL_MS, Math.max(0, lifetime) / 10)
    return this.now() < entry.expiresAtMs - early
  }

  /** Runs `work` unless a run for the same key is already under way, in which case its result is shared. */
  singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key)
    if (running) return running as Promise<T>
    const started = work().finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, started)
    return started
  }
}
