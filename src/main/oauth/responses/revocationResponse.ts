import type { HttpResponse } from '../../http/transport'
import type { Processed } from './problems'

/**
 * RFC 7009 §2.2: 200 means the token is revoked — or was not valid anyway, which for the user comes
 * to the same. The body is ignored. Refusals (400 unsupported_token_type, 401, 503) never reach here:
 * the exchange diagnoses them.
 */
export function processRevocationResponse(response: HttpResponse): Processed<{ status: number }> {
  return { ok: true, value: { status: response.status } }
}
