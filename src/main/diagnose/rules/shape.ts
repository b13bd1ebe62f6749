/** Rules about the shape of the answer: a web page, a redirect, a wrong address, a wrong body format, a failing server. */
import { retryAfterSeconds } from '../retryAfter'
import { mentions, waitTime, type HintRule } from './hintRule'

/** A web page where JSON was expected: a sign-in page, a proxy's page, a wrong path. */
export const htmlResponse: HintRule = (evidence, context) => {
  // A 5xx page comes from the vendor's server or its proxy failing: server-error says so.
  if (evidence.body.type !== 'html' || evidence.status >= 500) return null
  const title = evidence.body.title ? ` ("${evidence.body.title}")` : ''
  const signIn = /sign[ -]?in|log[ -]?in|anmelden|connexion/i.test(evidence.body.title ?? '')
  const url = context.purpose === 'token' ? 'Token URL' : 'API URL'
  return {
    code: 'html-response',
    message:
      `The ${url} answered with a web page${title} instead of ${context.purpose === 'token' ? 'an OAuth JSON answer' : 'the API’s answer'}. ` +
      (signIn
        ? 'It looks like a sign-in page: the authorize (sign-in) URL may have been entered as the Token URL.'
        : 'Usually the URL is wrong (for example the authorize URL used as the Token URL, or a missing path), or a proxy or firewall answered in the vendor’s place.'),
  }
}

/** RFC 9110 §15.4: a redirect is an answer too. The transport never follows one, so credentials never travel twice. */
export const redirected: HintRule = (evidence) => {
  if (evidence.status < 300 || evidence.status > 399) return null
  const location = evidence.header('location')
  const target = location ? ` to ${location.split(/[?#]/)[0]}` : ''
  return {
    code: 'redirected',
    message:
      `The server redirected the request${target} (HTTP ${evidence.status}). TokenDesk does not follow redirects, so credentials are never sent to a second address: ` +
      'put the final URL in the integration (often https:// instead of http://, or a missing or extra trailing slash).',
  }
}

/** 404/405, and AWS API Gateway's "Missing Authentication Token", which it answers for paths it does not have. */
export const wrongUrl: HintRule = (evidence, context) => {
  const url = context.purpose === 'token' ? 'Token URL' : 'API URL'
  if (evidence.status === 404 || mentions(evidence, /missing authentication token/)) {
    return {
      code: 'wrong-url',
      message: `There is nothing at this address (HTTP ${evidence.status}): check the ${url} against the vendor’s documentation — path, version and trailing slash.`,
    }
  }
  if (evidence.status === 405) {
    return {
      code: 'wrong-url',
      message: `The server does not accept ${evidence.method} at this address (HTTP 405): the ${url} probably points at another endpoint.`,
    }
  }
  return null
}

export const wrongContentType: HintRule = (evidence, context) => {
  const said =
    evidence.status === 415 ||
    (evidence.status === 400 && mentions(evidence, /content[- ]?type|form-urlencoded|json/))
  if (!said) return null
  const sent = evidence.sentHeader('content-type')
  const sentPart = sent ? `, but the request said Content-Type: ${sent}` : ''
  return {
    code: 'wrong-content-type',
    message:
      context.purpose === 'token'
        ? `The token endpoint needs the body form-urlencoded (application/x-www-form-urlencoded, RFC 6749 Appendix B)${sentPart}. Remove any Content-Type header added to the token request so TokenDesk sets the right one.`
        : `The API did not accept the body’s format${sentPart}: send the Content-Type the API documents.`,
  }
}

export const serverError: HintRule = (evidence) => {
  if (evidence.status < 500) return null
  const gateway = [502, 504].includes(evidence.status)
    ? ' A gateway in front of the vendor’s server got no good answer from it.'
    : ''
  const seconds = retryAfterSeconds(evidence.header('retry-after'), evidence.serverNowMs)
  const retry = seconds === undefined ? 'Retry later' : `Retry after ${waitTime(seconds)}`
  return {
    code: 'server-error',
    message:
      `The vendor’s server failed (HTTP ${evidence.status}): a problem on their side, not your configuration.${gateway} ${retry}; if it persists, ` +
      `tell the vendor the time of the request (${new Date(evidence.sentAtMs).toISOString()}). Some servers also fail this way on malformed requests: if it happens every time, compare the request with the vendor’s documentation.`,
  }
}

/** A 2xx answer without a token (RFC 6749 §5.1): which endpoint answered instead of the token endpoint. */
export const notATokenResponse: HintRule = (evidence) => {
  if (evidence.body.type === 'form' && evidence.body.params.has('access_token')) {
    return {
      code: 'form-encoded-response',
      message:
        'The token came form-encoded instead of as JSON (GitHub does this by default): add the header Accept: application/json to the token request.',
    }
  }
  if (evidence.body.type !== 'json') {
    return evidence.body.type === 'html'
      ? null
      : {
          code: 'wrong-token-url',
          message: 'The Token URL answered, but not with JSON: check that it is the vendor’s token endpoint.',
        }
  }
  const fields =
    typeof evidence.body.value === 'object' && evidence.body.value !== null ? evidence.body.value : {}
  return { code: 'wrong-token-url', message: wrongEndpointMessage(fields) }
}

function wrongEndpointMessage(fields: object): string {
  if ('token_endpoint' in fields || 'authorization_endpoint' in fields) {
    return 'The Token URL points at the discovery document: use its "token_endpoint" as the Token URL, or enter the issuer instead.'
  }
  if ('device_code' in fields && 'user_code' in fields) {
    return 'The Token URL points at the device authorization endpoint: use the token endpoint for the token request.'
  }
  return 'The Token URL answered with JSON but no access_token: check that it is the token endpoint (often …/oauth/token), not the API, the authorize URL or the discovery document.'
}
