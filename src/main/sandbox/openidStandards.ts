/**
 * The standards TokenDesk speaks beyond RFC 6749, switched on for oidc-provider: DPoP (RFC 9449)
 * with nonces, revocation, introspection, pushed authorization requests (RFC 9126), and token
 * exchange (RFC 8693) and JWT bearer (RFC 7523 §2.1) registered as custom grants the way
 * oidc-provider documents (`provider.registerGrantType(name, handler, params, dupes)`).
 */
import { randomBytes } from 'node:crypto'
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
} from 'jose'
import type Provider from 'oidc-provider'
import { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import { GRANT_TYPE_URIS, TOKEN_TYPES } from '../../shared/integration'

export const TOKEN_EXCHANGE = GRANT_TYPE_URIS.token_exchange
export const JWT_BEARER = GRANT_TYPE_URIS.jwt_bearer
export const ACCESS_TOKEN_TYPE = TOKEN_TYPES.access_token

/** The audiences token exchange issues tokens for; any other is refused with invalid_target. */
export const EXCHANGE_AUDIENCES = ['https://orders.tokendesk.test', 'https://billing.tokendesk.test'] as const
/** The audience of tokens the JWT bearer grant issues. */
export const JWT_BEARER_AUDIENCE = 'https://reports.tokendesk.test'
const EXTRA_SCOPES = ['orders:read', 'reports:read']

export const standardsClients = {
  /** client_credentials with DPoP-bound tokens only (RFC 9449 §5.2 dpop_bound_access_tokens). */
  dpop: { clientId: 'dpop-client', clientSecret: 'dpop-client-secret' },
  /** As `dpop`, and its token requests must carry a server nonce (RFC 9449 §8). */
  dpopNonce: { clientId: 'dpop-nonce-client', clientSecret: 'dpop-nonce-client-secret' },
  /** client_credentials (for a subject token) and token exchange. */
  exchange: { clientId: 'exchange-client', clientSecret: 'exchange-client-secret' },
  /** JWT bearer: a public client whose registered key set verifies its assertions (iss = client_id). */
  jwtBearer: { clientId: 'jwt-bearer-client' },
} as const

/** What a test needs to act as the standards clients: the JWT bearer client's private key. */
export interface StandardsKeys {
  jwtBearer: { privateKeyPem: string; privateJwk: JWK }
}

/**
 * The configuration with the standards switched on: the features, RS256 among the DPoP algorithms
 * (oidc-provider's default is ES256 and EdDSA only), and the clients above.
 */
export async function withStandards(
  configuration: Configuration,
): Promise<{ configuration: Configuration; keys: StandardsKeys }> {
  const assertionKey = await generateKeyPair('ES256', { extractable: true })
  const assertionPublicJwk = {
    ...(await exportJWK(assertionKey.publicKey)),
    kid: 'assertion-key-1',
    alg: 'ES256',
  }
  return {
    configuration: {
      ...configuration,
      clients: [...(configuration.clients ?? []), ...standardsClientMetadata(assertionPublicJwk)],
      scopes: [...(configuration.scopes ?? []), ...EXTRA_SCOPES],
      features: { ...configuration.features, ...standardsFeatures() } as Configuration['features'],
      enabledJWA: { dPoPSigningAlgValues: ['ES256', 'RS256', 'EdDSA', 'Ed25519'] },
    },
    keys: {
      jwtBearer: {
        privateKeyPem: await exportPKCS8(assertionKey.privateKey),
        privateJwk: { ...(await exportJWK(assertionKey.privateKey)), alg: 'ES256' },
      },
    },
  }
}

/** features.dPoP (nonces from a per-server secret), revocation, introspection and PAR. */
export function standardsFeatures() {
  return {
    dPoP: {
      enabled: true,
      nonceSecret: randomBytes(32),
      requireNonce: (ctx: KoaContextWithOIDC) =>
        ctx.oidc.client?.clientId === standardsClients.dpopNonce.clientId,
    },
    revocation: { enabled: true },
    introspection: { enabled: true },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
  } satisfies Configuration['features']
}

function standardsClientMetadata(assertionPublicJwk: JWK): ClientMetadata[] {
  const machine = (client: { clientId: string; clientSecret: string }, grants: string[]): ClientMetadata => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_types: grants,
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'api:read api:write orders:read',
  })
  return [
    { ...machine(standardsClients.dpop, ['client_credentials']), dpop_bound_access_tokens: true },
    { ...machine(standardsClients.dpopNonce, ['client_credentials']), dpop_bound_access_tokens: true },
    machine(standardsClients.exchange, ['client_credentials', TOKEN_EXCHANGE]),
    {
      client_id: standardsClients.jwtBearer.clientId,
      grant_types: [JWT_BEARER],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'none',
      jwks: { keys: [assertionPublicJwk] },
      scope: 'reports:read',
    },
  ]
}

/** Registers both custom grants on the provider. */
export function registerTokenExchangeAndJwtBearer(provider: Provider): void {
  const providerKeys = createRemoteJWKSet(new URL(`${provider.issuer}/jwks`))
  provider.registerGrantType(
    TOKEN_EXCHANGE,
    (ctx) => tokenExchange(provider, providerKeys, ctx),
    [
      'subject_token',
      'subject_token_type',
      'actor_token',
      'actor_token_type',
      'requested_token_type',
      'audience',
      'resource',
      'scope',
    ],
    ['audience', 'resource'],
  )
  provider.registerGrantType(JWT_BEARER, (ctx) => jwtBearer(provider, ctx), ['assertion', 'scope'])
}

type ProviderKeys = ReturnType<typeof createRemoteJWKSet>

/** RFC 8693 §2: validates the subject token (one this provider issued), then issues one for the audience. */
async function tokenExchange(provider: Provider, providerKeys: ProviderKeys, ctx: KoaContextWithOIDC) {
  const params = ctx.oidc.params as Record<string, string | string[] | undefined>
  const subjectToken = single(params.subject_token)
  if (!subjectToken) throw new errors.InvalidRequest('missing required parameter subject_token')
  if (single(params.subject_token_type) !== ACCESS_TOKEN_TYPE)
    throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`)
  const subject = await findSubject(provider, providerKeys, subjectToken)
  if (!subject) throw refusal('invalid_grant', 'subject token invalid or expired')

  const targets = [...list(params.audience), ...list(params.resource)]
  const unknown = targets.filter((target) => !(EXCHANGE_AUDIENCES as readonly string[]).includes(target))
  if (unknown.length) throw refusal('invalid_target', `unknown audience or resource: ${unknown.join(' ')}`)
  const audience = targets[0] ?? EXCHANGE_AUDIENCES[0]
  const scope = single(params.scope) ?? 'orders:read'

  const token = await issueJwtAccessToken(provider, ctx, { accountId: subject.sub, audience, scope })
  ctx.body = { ...token, issued_token_type: ACCESS_TOKEN_TYPE }
}

/** An opaque token this provider stored, or a JWT access token it signed: its subject, when valid. */
async function findSubject(
  provider: Provider,
  providerKeys: ProviderKeys,
  token: string,
): Promise<{ sub?: string } | undefined> {
  if (token.split('.').length === 3) {
    try {
      const { payload } = await jwtVerify(token, providerKeys, { issuer: provider.issuer, typ: 'at+jwt' })
      return { sub: payload.sub }
    } catch {
      return undefined
    }
  }
  const stored = (await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token))
  if (!stored || stored.isExpired) return undefined
  return { sub: 'accountId' in stored ? (stored.accountId as string | undefined) : undefined }
}

/** Assertions seen, by jti: RFC 7523 §3 lets the server refuse a replay. */
const seenAssertions = new Set<string>()

/** RFC 7523 §2.1, §3: verifies the assertion with the client's registered keys, then issues a token for sub. */
async function jwtBearer(provider: Provider, ctx: KoaContextWithOIDC) {
  const assertion = single((ctx.oidc.params as Record<string, string | undefined>).assertion)
  if (!assertion) throw new errors.InvalidRequest('missing required parameter assertion')
  const { client } = ctx.oidc
  const jwks = (client?.metadata() as { jwks?: JSONWebKeySet } | undefined)?.jwks
  if (!client || !jwks) throw new errors.InvalidClient('client has no registered keys for assertions')
  let payload
  try {
    ;({ payload } = await jwtVerify(assertion, createLocalJWKSet(jwks), {
      issuer: client.clientId,
      audience: [provider.issuer, `${provider.issuer}/token`],
      requiredClaims: ['exp', 'sub', 'jti'],
    }))
  } catch (error) {
    throw refusal('invalid_grant', assertionProblem(error))
  }
  if (seenAssertions.has(payload.jti!)) throw refusal('invalid_grant', 'assertion jti already used')
  seenAssertions.add(payload.jti!)
  const scope = single((ctx.oidc.params as Record<string, string | undefined>).scope) ?? 'reports:read'
  ctx.body = await issueJwtAccessToken(provider, ctx, {
    accountId: payload.sub,
    audience: JWT_BEARER_AUDIENCE,
    scope,
  })
}

/** The words oidc-provider's own checks would use: what TokenDesk's diagnosis reads. */
function assertionProblem(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'assertion expired'
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'assertion signature verification failed'
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return 'assertion signature verification failed (no matching key)'
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `assertion ${error.claim} claim invalid`
  return 'assertion could not be verified'
}

/** An RFC 9068 JWT access token for one audience, signed with the provider's key. */
async function issueJwtAccessToken(
  provider: Provider,
  ctx: KoaContextWithOIDC,
  { accountId, audience, scope }: { accountId?: string; audience: string; scope: string },
) {
  const token = new provider.AccessToken({
    accountId,
    client: ctx.oidc.client,
    scope,
    gty: 'custom',
  } as ConstructorParameters<typeof provider.AccessToken>[0])
  token.resourceServer = new provider.ResourceServer(audience, {
    audience,
    scope,
    accessTokenTTL: 300,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  })
  const value = await token.save()
  return { access_token: value, token_type: 'Bearer', expires_in: token.expiration, scope }
}

/**
 * An OAuth error whose error_description is the words given: oidc-provider's own InvalidGrant keeps
 * its detail out of the response ("grant request is invalid"), which would hide the cause.
 */
function refusal(error: string, description: string): Error {
  return new errors.CustomOIDCProviderError(error, description)
}

function single(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value
  return one === '' ? undefined : one
}

function list(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(Boolean)
}
