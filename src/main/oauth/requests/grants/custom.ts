import { scopeParam, type Grant } from './grant'

/**
 * A vendor's own grant (Autovit's `partner`): grant_type as configured; its fields (partner_code,
 * partner_secret…) come from tokenRequest.params like any extra parameter.
 */
export function customGrant(grantType: string): Grant {
  return {
    grantType,
    missing: () => [],
    params: (resolved) => [['grant_type', grantType], ...scopeParam(resolved)],
  }
}
