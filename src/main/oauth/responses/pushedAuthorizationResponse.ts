import { parseJsonObject } from '../../http/json'
import type { HttpResponse } from '../../http/transport'
import { PUSHED_AUTHORIZATION_INCOMPLETE, problem, RESPONSE_NOT_JSON, type Processed } from './problems'

export interface PushedAuthorization {
  /** The reference the authorize request carries instead of its parameters. */
  requestUri: string
  /** Seconds the request_uri is good for. */
  expiresIn?: number
}

/** RFC 9126 §2.2: 201 Created with `request_uri` and `expires_in`. */
export function processPushedAuthorizationResponse(response: HttpResponse): Processed<PushedAuthorization> {
  const { status } = response
  const body = parseJsonObject(response.body)
  if (!body)
    return problem(RESPONSE_NOT_JSON, 'The pushed authorization answer is not a JSON object.', status)
  if (typeof body.request_uri !== 'string' || body.request_uri === '')
    return problem(
      PUSHED_AUTHORIZATION_INCOMPLETE,
      'The pushed authorization answer has no "request_uri" (RFC 9126 §2.2).',
      status,
      body,
    )
  return {
    ok: true,
    value: {
      requestUri: body.request_uri,
      expiresIn: typeof body.expires_in === 'number' ? body.expires_in : undefined,
    },
  }
}
