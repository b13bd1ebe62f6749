import { parseJsonObject } from '../../http/json'
import type { HttpResponse } from '../../http/transport'
import { problem, RESPONSE_NOT_JSON, type Processed } from './problems'

/**
 * RFC 7662 §2.2 (introspection) and OpenID Connect Core §5.3.2 (userinfo): a JSON object of claims
 * about the token or its user. `what` names the endpoint in the problem's words.
 */
export function processClaimsResponse(
  response: HttpResponse,
  what: 'introspection' | 'userinfo',
): Processed<Record<string, unknown>> {
  const claims = parseJsonObject(response.body)
  return claims
    ? { ok: true, value: claims }
    : problem(RESPONSE_NOT_JSON, `The ${what} answer is not a JSON object.`, response.status)
}
