import { createHash } from 'node:crypto'
import type { RefreshTokenFate } from '../../diagnose/context'

export type { RefreshTokenFate }

/**
 * What TokenDesk knows of an integration's refresh tokens: the newest one, and fingerprints of the
 * ones it replaced or saw refused, with the date. Vendors that rotate (RFC 9700 §4.14.2) accept each
 * refresh token once and may revoke the whole family when an old one comes back, so an old one is
 * never sent again, and a refusal can say what happened to it. Plain data: kept encrypted by the
 * app's vault and the CLI's token store.
 */
export interface RefreshTokenLedger {
  /** The refresh token to use next, and when the vendor gave it. */
  current?: { value: string; receivedAt: string }
  /** Newest first, at most MAX_REMEMBERED. */
  past: PastRefreshToken[]
}

export interface PastRefreshToken {
  /** SHA-256 of the token, hex: enough to recognise it, useless to anyone who reads it. */
  fingerprint: string
  fate: 'replaced' | 'refused'
  at: string
}

const MAX_REMEMBERED = 20

export function fingerprintOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex')
}

export const emptyLedger = (): RefreshTokenLedger => ({ past: [] })

/** The vendor sent a refresh token: it becomes the current one, and the one it replaces is remembered as replaced. */
export function receiveRefreshToken(
  ledger: RefreshTokenLedger,
  value: string,
  at: Date,
  replacing?: string,
): RefreshTokenLedger {
  if (ledger.current?.value === value) return ledger
  const old = ledger.current?.value ?? replacing
  const past =
    old !== undefined && old !== value
      ? remember(ledger.past, { fingerprint: fingerprintOf(old), fate: 'replaced', at: at.toISOString() })
      : ledger.past
  return { current: { value, receivedAt: at.toISOString() }, past }
}

/** The vendor refused `value`: it is never sent again, and the refusal is remembered. */
export function refuseRefreshToken(ledger: RefreshTokenLedger, value: string, at: Date): RefreshTokenLedger {
  const fingerprint = fingerprintOf(value)
  const known = ledger.past.find((past) => past.fingerprint === fingerprint)
  return {
    current: ledger.current?.value === value ? undefined : ledger.current,
    // A replaced one that is refused later keeps the more telling fact: when it was replaced.
    past: known ? ledger.past : remember(ledger.past, { fingerprint, fate: 'refused', at: at.toISOString() }),
  }
}

export function fateOf(ledger: RefreshTokenLedger, value: string): RefreshTokenFate | undefined {
  if (ledger.current?.value === value) return { fate: 'current', receivedAt: ledger.current.receivedAt }
  const fingerprint = fingerprintOf(value)
  const past = ledger.past.find((each) => each.fingerprint === fingerprint)
  return past && { fate: past.fate, at: past.at }
}

/** Reads a ledger kept on disk or in a keychain; anything of another shape counts as nothing known. */
export function parseLedger(value: unknown): RefreshTokenLedger {
  if (!value || typeof value !== 'object') return emptyLedger()
  const { current, past } = value as Record<string, unknown>
  const currentOk =
    current !== null &&
    typeof current === 'object' &&
    typeof (current as Record<string, unknown>).value === 'string' &&
    typeof (current as Record<string, unknown>).receivedAt === 'string'
  return {
    current: currentOk ? (current as RefreshTokenLedger['current']) : undefined,
    past: Array.isArray(past)
      ? past
          .filter(
            (each): each is PastRefreshToken =>
              !!each &&
              typeof each.fingerprint === 'string' &&
              (each.fate === 'replaced' || each.fate === 'refused') &&
              typeof each.at === 'string',
          )
          .slice(0, MAX_REMEMBERED)
      : [],
  }
}

function remember(past: PastRefreshToken[], entry: PastRefreshToken): PastRefreshToken[] {
  return [entry, ...past.filter((each) => each.fingerprint !== entry.fingerprint)].slice(0, MAX_REMEMBERED)
}
