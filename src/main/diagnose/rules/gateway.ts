/** Rules about the API gateway in front of the vendor: required headers and keys, 403s, rate limits. */
import { retryAfterSeconds } from '../retryAfter'
import { listWords, plural, vendorName } from '../wording'
import { errorIs, isAuthFailure, mentions, waitTime, type HintRule } from './hintRule'
import { ownValue } from '../../../shared/own'

/** Token requests in a minute above which a rate limit is probably self-inflicted. */
const MANY_TOKEN_REQUESTS = 3

/** Header names as vendors' documents spell them. */
const HEADER_SPELLING: Record<string, string> = {
  'ocp-apim-subscription-key': 'Ocp-Apim-Subscription-Key',
  authorization: 'Authorization',
  'content-type': 'Content-Type',
}

function headerName(lowerCase: string): string {
  return ownValue(HEADER_SPELLING, lowerCase) ?? lowerCase
}

export const missingRequiredHeader: HintRule = (evidence, context) => {
  const required = context.purpose === 'token' ? (context.preset?.requiredTokenHeaders ?? []) : []
  const missing = required.filter((name) => !context.sentHeaderNames.includes(name))
  if (missing.length) {
    const names = listWords(missing.map(headerName))
    return {
      code: 'missing-required-header',
      message: `${vendorName(context) ?? 'The vendor'} requires the ${names} ${plural(missing.length, 'header', 'headers')} on the token request, and ${plural(missing.length, 'it was', 'they were')} not sent: add ${plural(missing.length, 'it', 'them')} to the token request’s headers.`,
    }
  }
  if (isAuthFailure(evidence) && mentions(evidence, /missing subscription key/)) {
    const sent = context.sentHeaderNames.includes('ocp-apim-subscription-key')
    return {
      code: 'missing-required-header',
      message: sent
        ? 'The API gateway (Azure API Management) did not find a subscription key although the Ocp-Apim-Subscription-Key header was sent: check that its value is not empty.'
        : `The API gateway (Azure API Management) requires the Ocp-Apim-Subscription-Key header with your subscription key (Primary or Secondary) on ${context.purpose === 'token' ? 'the token request' : 'every API call'}: add it.`,
    }
  }
  return null
}

export const subscriptionKeyInvalid: HintRule = (evidence) => {
  if (!isAuthFailure(evidence) || !mentions(evidence, /invalid subscription key/)) return null
  return {
    code: 'subscription-key-invalid',
    message:
      'The API gateway refused the Ocp-Apim-Subscription-Key value: copy the Primary or Secondary key again from the vendor’s developer portal, and check that the subscription is active.',
  }
}

export const rateLimited: HintRule = (evidence, context) => {
  if (
    evidence.status !== 429 &&
    !(isAuthFailure(evidence) && mentions(evidence, /rate limit|too many requests/))
  )
    return null
  const seconds =
    retryAfterSeconds(evidence.header('retry-after'), evidence.serverNowMs) ??
    // Azure API Management's body says "Try again in 42 seconds." when no header made it through.
    Number(/try again in (\d+) seconds?/.exec(evidence.wording)?.[1] ?? NaN)
  const wait = Number.isNaN(seconds) ? '' : `; retry after ${waitTime(seconds)}`
  if (context.purpose !== 'token') {
    return {
      code: 'rate-limited',
      message: `The API is rate-limiting these calls: send fewer requests${wait}.`,
    }
  }
  const recent = context.recentTokenRequests ?? 0
  const burst =
    recent >= MANY_TOKEN_REQUESTS
      ? ` This integration asked for ${recent} tokens in the last minute; vendors such as SkyKick strictly limit their token operation, so every caller should share the cached token.`
      : ''
  return {
    code: 'rate-limited',
    message: `The token endpoint is rate-limiting this client: reuse cached tokens until they expire instead of asking for a new one per call${wait}.${burst}`,
  }
}

/** Header names of gateway keys (Azure API Management, AWS API Gateway and most others). */
const GATEWAY_KEY_HEADERS = ['x-api-key', 'ocp-apim-subscription-key', 'apikey', 'api-key']

export const forbidden: HintRule = (evidence, context) => {
  // A scope error already says why access was refused.
  if (evidence.status !== 403 || errorIs(evidence, 'insufficient_scope', 'invalid_scope')) return null
  if (context.purpose === 'api') return forbiddenApiCall(context)
  const bareForbidden = evidence.vendor.message?.trim().toLowerCase() === 'forbidden'
  const awsKey =
    bareForbidden && !context.sentHeaderNames.includes('x-api-key')
      ? ' A bare {"message":"Forbidden"} is what AWS API Gateway answers when the x-api-key header is missing or wrong.'
      : ''
  return {
    code: 'forbidden',
    message:
      'HTTP 403: the vendor knows who is asking but does not let them in. Usual causes: a missing or wrong gateway key (x-api-key, Ocp-Apim-Subscription-Key), an IP allow-list without this computer’s address, or a client without a subscription to this API product.' +
      awsKey,
  }
}

/** An API's 403 beyond the token (forbiddenToken speaks of that): a gateway key only when one was sent. */
function forbiddenApiCall(context: Parameters<HintRule>[1]) {
  const key = GATEWAY_KEY_HEADERS.find((name) => context.sentHeaderNames.includes(name))
  const keyCause = key
    ? ` the gateway key in the ${headerName(key)} header (check its value and that it is for this API),`
    : ''
  return {
    code: 'forbidden',
    message: `HTTP 403: the API does not let this caller in. Beyond the token, it may be${keyCause} an IP allow-list without this computer’s address, or a client without a subscription to this API product.`,
  }
}
