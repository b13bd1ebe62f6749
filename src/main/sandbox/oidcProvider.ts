import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose'
import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider'
import { registerTokenExchangeAndJwtBearer, withStandards, type StandardsKeys } from './openidStandards'

/** The resource server oidc-provider issues JWT access tokens for (RFC 8707 resource indicator). */
export const OIDC_API_RESOURCE = 'https://api.tokendesk.test'

export const oidcClients = {
  /** client_credentials, secret in a Basic header. RFC 6749 App. A.5 limits secrets to printable ASCII. */
  machine: { clientId: 'machine-client', clientSecret: 'machine-secret+/=&%~' },
  /** client_credentials, secret in the form body. */
  machinePost: { clientId: 'machine-post-client', clientSecret: 'machine-post-secret+/=&%~' },
  /** authorization_code + PKCE and refresh_token, confidential (Basic). */
  web: { clientId: 'web-client', clientSecret: 'web-secret', redirectUri: 'http://127.0.0.1/callback' },
  /** authorization_code + PKCE, refresh_token and device flow; public (no secret). */
  native: { clientId: 'native-client', redirectUri: 'http://127.0.0.1/callback' },
  /** client_credentials, a JWT signed with the secret (RFC 7523). HS256 wants a secret of 32+ bytes. */
  secretJwt: { clientId: 'secret-jwt-client', clientSecret: 'secret-jwt-client-secret-0123456789-abcdef' },
  /** client_credentials, a JWT signed with a private key; the key pair is made per server, see `privateKeyJwt`. */
  privateKeyJwt: { clientId: 'private-key-jwt-client' },
} as const

export const oidcUser = { login: 'tester@example.com', password: 'any password works' }

export interface OidcTestServer {
  issuer: string
  tokenUrl: string
  /** The private key of `oidcClients.privateKeyJwt`, whose public half the server has registered. */
  privateKeyJwt: { privateKeyPem: string; privateJwk: JWK }
  /** With `standards`: the keys of the clients openidStandards.ts adds. */
  standardsKeys?: StandardsKeys
  close(): Promise<void>
}

/**
 * A certified OpenID provider on 127.0.0.1, random port. It stops by itself after `idleMs` without
 * requests, and never keeps the test process alive.
 */
export async function startOidcProvider(
  options: { accessTokenTtlSeconds?: number; idleMs?: number; standards?: boolean } = {},
): Promise<OidcTestServer> {
  const ttl = options.accessTokenTtlSeconds ?? 600
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()
  let idleTimer: NodeJS.Timeout | undefined
  const server = createServer((req, res) => {
    armIdleTimer()
    handle(req, res)
  })
  const armIdleTimer = () => {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => server.close(), options.idleMs ?? 120_000).unref()
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  server.unref()
  armIdleTimer()

  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientKey = await generateKeyPair('RS256', { extractable: true })
  const clientPublicJwk = { ...(await exportJWK(clientKey.publicKey)), kid: 'client-key-1', use: 'sig' }
  const base = await configuration(ttl, clientPublicJwk)
  // DPoP with nonces, PAR, token exchange and JWT bearer: see openidStandards.ts.
  const standards = options.standards ? await withStandards(base) : undefined
  const provider = new Provider(issuer, standards?.configuration ?? base)
  if (standards) registerTokenExchangeAndJwtBearer(provider)
  handle = provider.callback()
  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    privateKeyJwt: {
      privateKeyPem: await exportPKCS8(clientKey.privateKey),
      privateJwk: await exportJWK(clientKey.privateKey),
    },
    standardsKeys: standards?.keys,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(idleTimer)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function configuration(ttl: number, clientPublicJwk: JWK): Promise<Configuration> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' }
  const nativeClient: ClientMetadata = {
    client_id: oidcClients.native.clientId,
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    redirect_uris: [oidcClients.native.redirectUri],
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    response_types: ['code'],
  }
  return {
    clients: [
      machineClient(oidcClients.machine, 'client_secret_basic'),
      machineClient(oidcClients.machinePost, 'client_secret_post'),
      {
        client_id: oidcClients.web.clientId,
        client_secret: oidcClients.web.clientSecret,
        application_type: 'native',
        redirect_uris: [oidcClients.web.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      nativeClient,
      {
        ...machineClient(oidcClients.secretJwt, 'client_secret_jwt'),
        token_endpoint_auth_signing_alg: 'HS256',
      },
      {
        client_id: oidcClients.privateKeyJwt.clientId,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
        jwks: { keys: [clientPublicJwk] },
        scope: 'api:read api:write',
      },
    ],
    jwks: { keys: [signingKey] },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write'],
    cookies: { keys: ['tokendesk-test-cookie-key'] },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: true }),
    }),
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: ttl, ClientCredentials: ttl, IdToken: ttl, DeviceCode: 600, RefreshToken: 86_400 },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      deviceFlow: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // API scopes get a JWT for the API; a sign-in with only OpenID scopes gets an opaque token
        // for userinfo, which is also what introspection is for.
        defaultResource: (ctx: { oidc: { params?: { scope?: unknown } } }) =>
          String(ctx.oidc.params?.scope ?? '').includes('api:') ? OIDC_API_RESOURCE : undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api:read api:write',
          audience: OIDC_API_RESOURCE,
          accessTokenTTL: ttl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  }
}

function machineClient(
  client: { clientId: string; clientSecret: string },
  authMethod: ClientMetadata['token_endpoint_auth_method'],
): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: authMethod,
    scope: 'api:read api:write',
  }
}
