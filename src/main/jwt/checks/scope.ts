import type { ClaimCheck } from '../../../shared/jwt'

/** Compares the scopes the token grants with those requested, naming the missing and the extra. */
export function scopeCheck(payload: Record<string, unknown>, requested: string[]): ClaimCheck {
  const granted = grantedScopes(payload)
  const list = (scopes: string[]) => (scopes.length > 0 ? scopes.join(' ') : 'none')
  if (granted === undefined) {
    return {
      id: 'scope',
      ok: false,
      message: `The token has no "scope" or "scp" claim, so it grants none of: ${list(requested)}.`,
    }
  }
  const missing = requested.filter((scope) => !granted.includes(scope))
  const extra = granted.filter((scope) => !requested.includes(scope))
  const parts = [`Requested: ${list(requested)}.`, `Granted: ${list(granted)}.`]
  if (missing.length > 0)
    parts.push(`Missing: ${list(missing)} — calls that need them will be refused (insufficient_scope).`)
  if (extra.length > 0) parts.push(`Extra, granted but not requested: ${list(extra)}.`)
  if (missing.length === 0) parts.unshift('Every requested scope was granted.')
  return { id: 'scope', ok: missing.length === 0, message: parts.join(' ') }
}

/** `scope` is a space-delimited string (RFC 8693 §4.2, RFC 9068 §2.2.3); Microsoft and others use `scp`. */
function grantedScopes(payload: Record<string, unknown>): string[] | undefined {
  const claim = payload.scope ?? payload.scp
  if (typeof claim === 'string') return claim.split(/\s+/).filter(Boolean)
  if (Array.isArray(claim)) return claim.map(String)
  return undefined
}
