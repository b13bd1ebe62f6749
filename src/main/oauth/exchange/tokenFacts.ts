import type { DiagnosisContext } from '../../diagnose/context'
import type { TokenSet } from '../../../shared/token'
import { tryDecodeJwt } from '../../jwt/decode'

/** Longest scope list kept: a token can claim any number of scopes, the diagnosis names a few. */
const MAX_SCOPES = 100

/**
 * What TokenDesk knows of the token an API call carried, for the diagnosis of a refusal: its times
 * (the JWT's nbf/exp, else expires_in as received) and the scopes it was granted.
 */
export function tokenFacts(
  token: TokenSet,
  requestedScopes: string[],
): Pick<DiagnosisContext, 'tokenTimes' | 'grantedScopes'> {
  const payload = tryDecodeJwt(token.access_token)?.payload
  const receivedExpiry = token.expires_at ? Date.parse(token.expires_at) / 1000 : NaN
  const exp = finite(payload?.exp) ?? (Number.isFinite(receivedExpiry) ? receivedExpiry : undefined)
  const nbf = finite(payload?.nbf)
  return {
    tokenTimes: exp === undefined && nbf === undefined ? undefined : { nbf, exp },
    grantedScopes: grantedScopes(token, payload, requestedScopes),
  }
}

/**
 * RFC 6749 §5.1: a token response without `scope` was granted what was asked. Otherwise the
 * response's `scope`, then the JWT's `scope` (RFC 9068 §2.2.3) or `scp` (Azure AD, Okta).
 */
function grantedScopes(
  token: TokenSet,
  payload: Record<string, unknown> | undefined,
  requested: string[],
): string[] | undefined {
  const listed = scopeList(token.scope) ?? scopeList(payload?.scope) ?? scopeList(payload?.scp)
  if (listed) return listed
  return requested.length ? requested : undefined
}

function scopeList(value: unknown): string[] | undefined {
  const items =
    typeof value === 'string'
      ? value.split(/[\s,]+/)
      : Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string')
        : undefined
  return items?.filter(Boolean).slice(0, MAX_SCOPES)
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
