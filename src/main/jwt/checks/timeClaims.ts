import type { ClaimCheck } from '../../../shared/jwt'
import { formatDuration as formatWholeDuration } from '../../../shared/time'

/** Within this many seconds of a time claim, a clock difference between two machines can decide it. */
const SMALL_SKEW_SECONDS = 60

/**
 * Checks exp always, nbf and iat when present. An iat in the future is also measured as clock skew:
 * the likeliest reason is that this computer's clock is behind the issuer's.
 */
export function timeChecks(
  payload: Record<string, unknown>,
  now: number,
): { checks: ClaimCheck[]; clockSkewSeconds?: number } {
  const checks = [expiryCheck(payload.exp, now)]
  if (payload.nbf !== undefined) checks.push(notBeforeCheck(payload.nbf, now))
  if (payload.iat === undefined) return { checks }
  checks.push(issuedAtCheck(payload.iat, now))
  const skew =
    typeof payload.iat === 'number' && Number.isFinite(payload.iat) && payload.iat > now
      ? Math.round(payload.iat - now)
      : undefined
  return skew !== undefined ? { checks, clockSkewSeconds: skew } : { checks }
}

function expiryCheck(exp: unknown, now: number): ClaimCheck {
  if (exp === undefined) {
    return { id: 'exp', ok: true, message: 'No "exp" claim: this token never expires.' }
  }
  if (!isNumericDate(exp)) return notANumber('exp', exp)
  const left = exp - now
  // RFC 7519 §4.1.4: the current time must be *before* exp; no leeway here.
  if (left <= 0) {
    const recent =
      -left <= SMALL_SKEW_SECONDS
        ? ' That is so recent that a clock difference between this computer and the server could decide it; servers often allow a minute or two of leeway.'
        : ''
    return { id: 'exp', ok: false, message: `Expired ${formatDuration(-left)} ago.${recent}`, ...at(exp) }
  }
  const soon =
    left <= SMALL_SKEW_SECONDS
      ? ' That is soon: a server whose clock is a little ahead may already see it as expired.'
      : ''
  return {
    id: 'exp',
    ok: true,
    message: `Not expired: expires in ${formatDuration(left)}.${soon}`,
    ...at(exp),
  }
}

function notBeforeCheck(nbf: unknown, now: number): ClaimCheck {
  if (!isNumericDate(nbf)) return notANumber('nbf', nbf)
  const ahead = nbf - now
  if (ahead > 0) {
    return {
      id: 'nbf',
      ok: false,
      message: `Not valid yet: your clock may be behind the server’s by ${secondsOrDuration(ahead)}.`,
      ...at(nbf),
    }
  }
  return { id: 'nbf', ok: true, message: `Valid since ${formatDuration(-ahead)} ago.`, ...at(nbf) }
}

function issuedAtCheck(iat: unknown, now: number): ClaimCheck {
  if (!isNumericDate(iat)) return notANumber('iat', iat)
  const ahead = iat - now
  if (ahead > 0) {
    return {
      id: 'iat',
      ok: false,
      message: `Issued ${secondsOrDuration(ahead)} in the future by this computer’s clock: your clock may be behind the server’s by about ${secondsOrDuration(ahead)}.`,
      ...at(iat),
    }
  }
  return { id: 'iat', ok: true, message: `Issued ${formatDuration(-ahead)} ago.`, ...at(iat) }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function notANumber(claim: 'exp' | 'nbf' | 'iat', value: unknown): ClaimCheck {
  return {
    id: claim,
    ok: false,
    message: `"${claim}" is ${JSON.stringify(value)}, not a number of seconds since 1970 (RFC 7519 §2): servers will reject it.`,
  }
}

/**
 * The time a check is about, as ISO UTC for the renderer to show in local time (one format in the
 * inspector). A NumericDate beyond year 275760 has no date: the message alone then.
 */
function at(epochSeconds: number): { at?: string } {
  const date = new Date(epochSeconds * 1000)
  return Number.isNaN(date.getTime()) ? {} : { at: date.toISOString() }
}

/** "42 s" stays exact (the number to correct a clock by); longer spans read better coarse. */
function secondsOrDuration(seconds: number): string {
  return seconds < 300 ? `${Math.round(seconds)} s` : formatDuration(Math.round(seconds))
}

/** RFC 7519 §2 allows fractional NumericDates; people read whole seconds. */
function formatDuration(seconds: number): string {
  return formatWholeDuration(Math.round(seconds))
}
