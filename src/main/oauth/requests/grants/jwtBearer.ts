import { GRANT_TYPE_URIS } from '../../../../shared/integration'
import type { ResolvedIntegration } from '../../../integration/resolve'
import { signJwtBearerAssertion } from '../../assertions/jwtBearerAssertion'
import { scopeParam, type Grant, type MissingField } from './grant'

export const JWT_BEARER_GRANT_TYPE = GRANT_TYPE_URIS.jwt_bearer

/**
 * The assertion a JWT bearer request sends: the pasted one as is, else one signed now with the
 * user's key (iss: the Assertion issuer, else the client ID; aud: the Assertion audience, else the
 * token URL, RFC 7523 §3). Undefined while neither can be had: `missing` then says what to fill in.
 * A key that cannot sign is refused with ERR_ASSERTION_KEY, naming the field.
 */
export async function jwtBearerAssertion(
  resolved: ResolvedIntegration,
  tokenUrl: string,
  currentDate?: Date,
): Promise<string | undefined> {
  const bearer = resolved.jwtBearer
  const pasted = bearer?.assertion?.trim()
  if (pasted) return pasted
  const iss = bearer?.issuer ?? resolved.clientId
  if (!bearer?.privateKey || !iss || !bearer.subject) return undefined
  return signJwtBearerAssertion({
    key: bearer.privateKey,
    alg: bearer.algorithm,
    iss,
    sub: bearer.subject,
    aud: bearer.audience ?? tokenUrl,
    expiresInSeconds: bearer.expiresInSeconds,
    currentDate,
  })
}

/**
 * RFC 7523 §2.1: a JWT as the authorization grant. Built around the assertion `jwtBearerAssertion`
 * gave (signing is asynchronous; a grant's params are not), as `customGrant` is around its name.
 */
export function jwtBearerGrant(assertion: string | undefined): Grant {
  return {
    grantType: JWT_BEARER_GRANT_TYPE,
    missing: (resolved) => (assertion ? [] : missingForAssertion(resolved)),
    params: (resolved) => [
      ['grant_type', JWT_BEARER_GRANT_TYPE],
      ['assertion', assertion ?? ''],
      ...scopeParam(resolved),
    ],
  }
}

/**
 * The jwt_bearer grant as an integration names it: what it needs is read from the integration (a
 * pasted assertion, or a key to sign with), and each attempt sends an assertion signed for it.
 */
export const jwtBearerSigningGrant: Grant = {
  grantType: JWT_BEARER_GRANT_TYPE,
  missing: (resolved) => (resolved.jwtBearer?.assertion?.trim() ? [] : missingForAssertion(resolved)),
  params: (resolved) => jwtBearerGrant(resolved.jwtBearer?.assertion?.trim()).params(resolved, {}),
  forAttempt: async (resolved, currentDate) =>
    jwtBearerGrant(await jwtBearerAssertion(resolved, resolved.tokenUrl ?? '', currentDate)),
}

function missingForAssertion(resolved: ResolvedIntegration): MissingField[] {
  const bearer = resolved.jwtBearer
  if (!bearer?.privateKey) {
    return [
      {
        field: 'jwtBearer.assertion',
        message:
          'Paste the assertion (a signed JWT) you were given, or fill in the Assertion signing key (PEM or JWK) for TokenDesk to sign one.',
      },
    ]
  }
  const missing: MissingField[] = []
  if (!bearer.issuer && !resolved.clientId)
    missing.push({
      field: 'jwtBearer.issuer',
      message: 'Fill in who issues the assertion (iss), often the client ID or a service account’s name.',
    })
  if (!bearer.subject)
    missing.push({
      field: 'jwtBearer.subject',
      message: 'Fill in whom the token is for (sub): the user or service account the vendor knows.',
    })
  return missing
}
