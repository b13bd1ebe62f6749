import type { TokenSet } from '../../../shared/token'
import {
  emptyLedger,
  fateOf,
  receiveRefreshToken,
  refuseRefreshToken,
  type RefreshTokenFate,
  type RefreshTokenLedger,
} from './refreshTokenLedger'

export interface CachedToken {
  token: TokenSet
  obtainedAtMs: number
  /** Undefined when the vendor gave no lifetime: reused until the API answers 401. */
  expiresAtMs?: number
}

/** What is worth keeping of an integration's tokens across restarts or CLI runs. */
export interface KeptTokens {
  /** The last token set; its refresh_token is the ledger's current one. */
  token?: TokenSet
  refreshTokens: RefreshTokenLedger
}

/** Renew a minute early, or a tenth of the lifetime for short-lived tokens, so no call carries a dying token. */
const MAX_EARLY_RENEWAL_MS = 60_000

/**
 * One cache for every grant: tokens per integration, reused until shortly before expiry, and one
 * in-flight request per integration that concurrent callers share (1,000 callers, one token request).
 * Refresh tokens are kept apart from access tokens: they outlive them, and a rotating vendor's new one
 * must replace the old one even when the access token is not kept.
 */
export class TokenCache {
  private readonly entries = new Map<string, CachedToken>()
  private readonly ledgers = new Map<string, RefreshTokenLedger>()
  private readonly inFlight = new Map<string, Promise<unknown>>()

  constructor(
    private readonly now: () => number = Date.now,
    /** Told of every change worth keeping (a new token, a refused refresh token). */
    private readonly onStore?: (key: string, kept: KeptTokens) => void,
  ) {}

  /** Puts back what was kept from an earlier session or run; not reported to onStore. */
  restore(key: string, kept: Partial<KeptTokens>): void {
    if (kept.refreshTokens) this.ledgers.set(key, kept.refreshTokens)
    if (!kept.token?.access_token) return
    this.entries.set(key, {
      token: kept.token,
      obtainedAtMs: this.now(),
      expiresAtMs: kept.token.expires_at ? Date.parse(kept.token.expires_at) : undefined,
    })
    const refreshToken = kept.token.refresh_token
    if (refreshToken && !kept.refreshTokens && fateOf(this.ledger(key), refreshToken) === undefined)
      this.ledgers.set(key, receiveRefreshToken(this.ledger(key), refreshToken, new Date(this.now())))
  }

  get(key: string): CachedToken | undefined {
    return this.entries.get(key)
  }

  /** The tokens to keep for `key`, as onStore is told them. */
  kept(key: string): KeptTokens {
    return { token: this.entries.get(key)?.token, refreshTokens: this.ledger(key) }
  }

  /**
   * The refresh token to renew with: the newest the vendor gave. `configured` is the one the
   * integration holds; one TokenDesk has never seen is a fresh paste, and wins.
   */
  refreshTokenFor(key: string, configured?: string): string | undefined {
    const ledger = this.ledger(key)
    if (configured && fateOf(ledger, configured) === undefined) return undefined
    return ledger.current?.value
  }

  /** What TokenDesk knows of a refresh token sent for `key`, for the diagnosis of its refusal. */
  fateOf(key: string, refreshToken: string): RefreshTokenFate | undefined {
    return fateOf(this.ledger(key), refreshToken)
  }

  /** The refresh token sent with the request, when it was one the vendor replaced with this response. */
  set(key: string, token: TokenSet, sentRefreshToken?: string): CachedToken {
    const ledger = this.ledger(key)
    // Refresh-token rotation (RFC 6749 §6, RFC 9700 §4.14.2): the newest replaces the old; a
    // response without one keeps the one we had.
    const refreshToken = token.refresh_token ?? ledger.current?.value
    if (token.refresh_token)
      this.ledgers.set(
        key,
        receiveRefreshToken(ledger, token.refresh_token, new Date(this.now()), sentRefreshToken),
      )
    const entry: CachedToken = {
      token: refreshToken ? { ...token, refresh_token: refreshToken } : token,
      obtainedAtMs: this.now(),
      expiresAtMs: token.expires_at ? Date.parse(token.expires_at) : undefined,
    }
    this.entries.set(key, entry)
    this.onStore?.(key, this.kept(key))
    return entry
  }

  /** The vendor refused this refresh token: it is never sent again, and the access token it came with goes too. */
  refuseRefreshToken(key: string, refreshToken: string): void {
    this.ledgers.set(key, refuseRefreshToken(this.ledger(key), refreshToken, new Date(this.now())))
    this.entries.delete(key)
    this.onStore?.(key, this.kept(key))
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  /** Forgets the access token and every refresh token of `key` (the user pasted a new one, or deleted the integration). */
  forget(key: string): void {
    this.entries.delete(key)
    this.ledgers.delete(key)
    this.onStore?.(key, this.kept(key))
  }

  clear(): void {
    this.entries.clear()
    this.ledgers.clear()
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

  private ledger(key: string): RefreshTokenLedger {
    return this.ledgers.get(key) ?? emptyLedger()
  }
}
