/** Rules about the client’s own credentials: how the secret was typed, encoded and sent. */
import type { ClientAuthStyle } from '../../../shared/integration'
import { findPreset } from '../../presets'
import type { DiagnosisContext } from '../context'
import { capitalize, listCharacters, listWords, vendorsPortal } from '../wording'
import { credentialsRefused, errorIs, type HintRule } from './hintRule'

/** The form control and its choices, by their visible labels. */
const SEND_CREDENTIALS = '“Send client credentials”'
const IN_THE_BODY = '“In the form body”'
const BASIC_HEADER = '“Basic header”'

/** How the vendor's preset documents sending the client credentials, when the integration came from one. */
function documentedClientAuth(context: DiagnosisContext): ClientAuthStyle | undefined {
  return findPreset(context.preset?.id)?.integration.clientAuth
}

function secretName(context: DiagnosisContext): string {
  return context.basicAuthOverride ? 'the password of the Basic credentials' : 'your client secret'
}

export const secretPasted: HintRule = (evidence, context) => {
  if (!context.secretLooksPasted || !credentialsRefused(evidence, context)) return null
  return {
    code: 'secret-pasted',
    field: context.basicAuthOverride ? 'basicAuth.password' : 'clientSecret',
    message: `${capitalize(secretName(context))} starts or ends with a quote or a space, probably copied along with it: remove the quotes/spaces around the secret and try again.`,
  }
}

export const secretEncoding: HintRule = (evidence, context) => {
  const chars = context.secretSpecialChars
  if (!chars.length || !credentialsRefused(evidence, context)) return null
  const named = listCharacters(chars)
  if (context.basicAuthOverride) {
    return {
      code: 'secret-encoding',
      field: 'basicAuth.password',
      message: `The password of the Basic credentials contains ${named}. TokenDesk sends it exactly as typed, as the vendor documents; check that it was copied whole — characters like these are easily lost or changed when copying.`,
    }
  }
  if (context.clientAuth === 'basic') {
    return {
      code: 'secret-encoding',
      field: 'clientAuth',
      message: `Your client secret contains ${named}. TokenDesk URL-encodes it inside the Basic header as RFC 6749 §2.3.1 requires, but this server may not decode Basic credentials that way: try sending them in the body (${SEND_CREDENTIALS}: ${IN_THE_BODY}).`,
    }
  }
  if (context.clientAuth === 'body' || context.clientAuth === 'query') {
    const where = context.clientAuth === 'body' ? 'request body' : 'URL query'
    const encoded = listWords(
      chars.map(
        (char) =>
          `${char === 'space' ? 'a space' : `"${char}"`} as ${encodeURIComponent(char === 'space' ? ' ' : char)}`,
      ),
    )
    return {
      code: 'secret-encoding',
      field: 'clientSecret',
      message:
        `Your client secret contains ${named}, which must be URL-encoded in the ${where} — TokenDesk does that. ` +
        `If the vendor still refuses it, it may expect the secret encoded once more (enter it already encoded: ${encoded}), or the secret was copied wrongly: copy it again from ${vendorsPortal(context)}.` +
        (context.preset?.id === 'altitude-angel'
          ? ' Altitude Angel’s documentation asks for the secret to be encoded and calls this a common cause of support requests.'
          : ''),
    }
  }
  return null
}

export const clientAuthStyle: HintRule = (evidence, context) => {
  if (context.purpose !== 'token' || !errorIs(evidence, 'invalid_client') || context.basicAuthOverride)
    return null
  const documented = documentedClientAuth(context)
  // The vendor documents this very method: suggesting another would send the user the wrong way.
  if (documented && documented === context.clientAuth) {
    return {
      code: 'client-auth-style',
      field: 'clientSecret',
      message: `The client credentials went ${context.clientAuth === 'basic' ? 'in a Basic header' : 'in the request body'}, as ${context.preset!.name} documents, so the client ID or secret itself is what was refused: copy both again from ${vendorsPortal(context)}.`,
    }
  }
  const message = clientAuthAdvice(context)
  return message ? { code: 'client-auth-style', field: 'clientAuth', message } : null
}

function clientAuthAdvice(context: DiagnosisContext): string | null {
  switch (context.clientAuth) {
    case 'basic':
      // With special characters, secret-encoding already gives this advice with its reason.
      return context.secretSpecialChars.length
        ? null
        : `The client credentials went in a Basic Authorization header; some vendors read them only from the request body: try ${SEND_CREDENTIALS}: ${IN_THE_BODY}.`
    case 'body':
      return `The client credentials went in the request body; many vendors expect them in a Basic Authorization header (RFC 6749 §2.3.1 makes servers support it): try ${SEND_CREDENTIALS}: ${BASIC_HEADER}.`
    case 'query':
      return `The client credentials went in the URL query, which vendors accept only as a last resort: try ${SEND_CREDENTIALS}: ${BASIC_HEADER}.`
    case 'none':
      return `No client secret was sent (${SEND_CREDENTIALS}: “None”), but the vendor wants the client to authenticate: choose ${BASIC_HEADER} or ${IN_THE_BODY} and fill in the Client secret.`
    case 'client_secret_jwt':
    case 'private_key_jwt':
      return `The client signed a JWT to authenticate (${context.clientAuth}): check that the vendor has this method and the matching key registered for the client, and that this computer’s clock is right.`
  }
}
