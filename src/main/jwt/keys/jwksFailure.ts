import { errors } from 'jose'
import { classifyNetworkError } from '../../http/networkErrors'
import { messageOf } from '../lib/messageOf'

/** What the JWKS endpoint answered, kept so a failure can say "HTTP 404" or "a redirect to …". */
export interface JwksResponse {
  status?: number
  location?: string | null
  body?: Promise<string>
}

/** Why fetching or reading the key set at `url` failed, in words that say what to change. */
export async function describeJwksFailure(
  error: unknown,
  url: string,
  seen: JwksResponse,
  timeoutMs: number,
): Promise<string> {
  if (error instanceof errors.JWKSTimeout) {
    return `The JWKS at ${url} did not answer within ${Math.round(timeoutMs / 1000)} s.`
  }
  if (seen.status === undefined) {
    return `Could not reach the JWKS at ${url}: ${classifyNetworkError(error).message}`
  }
  if (seen.status >= 300 && seen.status < 400 && seen.location) {
    return `${url} answered HTTP ${seen.status}, a redirect to ${seen.location}. Use that address as the JWKS URL: keys are only read from the URL given.`
  }
  if (seen.status !== 200) {
    return `${url} answered HTTP ${seen.status}. Check the JWKS URL: the issuer’s discovery document names it as jwks_uri.`
  }
  const body = (await seen.body) ?? ''
  if (error instanceof errors.JWKSInvalid) {
    const discovery = body.includes('"jwks_uri"')
      ? ' This looks like a discovery document: choose “Issuer’s published keys”, or use its jwks_uri.'
      : ''
    return `${url} returned JSON, but not a usable key set (a JWKS looks like {"keys":[…]}): ${messageOf(error)}.${discovery}`
  }
  if (error instanceof errors.JOSEError && error.cause instanceof SyntaxError) {
    const start = body.trimStart().slice(0, 1) === '<' ? ' It looks like a web page (HTML).' : ''
    return `${url} did not return JSON.${start} Check the JWKS URL: the issuer’s discovery document names it as jwks_uri.`
  }
  return `The JWKS at ${url} could not be used: ${messageOf(error)}`
}
