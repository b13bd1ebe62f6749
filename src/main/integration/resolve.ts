import { ERR_ENV_MISSING, ERR_TEMPLATE_UNKNOWN_FIELD } from '../../shared/errorCodes'
import type { ConfigValue, DpopAlgorithm, Integration } from '../../shared/integration'
import { isSecretPath, markedEntryNames } from '../../shared/secretFields'
import { TokenDeskError } from '../errors'
import { assertEndpointUrls } from './endpointUrl'
import type { ProxySetting } from '../http/proxy'

export type { Environment } from './environment'
import type { Environment } from './environment'

/** The integration with every `{"env"}` read and every `{{field}}` filled in: plain strings only. */
export interface ResolvedIntegration {
  source: Integration
  grant: string
  tokenUrl?: string
  authorizeUrl?: string
  deviceAuthorizationUrl?: string
  introspectionUrl?: string
  userinfoUrl?: string
  jwksUrl?: string
  issuer?: string
  clientId?: string
  clientSecret?: string
  clientAuth: NonNullable<Integration['clientAuth']>
  clientAssertionKey?: string
  clientAssertionAlg?: string
  /** RFC 8693: the tokens to trade and what to ask for. */
  tokenExchange?: {
    subjectToken?: string
    subjectTokenType?: string
    actorToken?: string
    actorTokenType?: string
    audience: string[]
    resource: string[]
    requestedTokenType?: string
  }
  /** RFC 7523 §2.1: a pasted assertion, or what to sign one with. */
  jwtBearer?: {
    assertion?: string
    privateKey?: string
    algorithm?: string
    issuer?: string
    subject?: string
    audience?: string
    expiresInSeconds?: number
  }
  /** RFC 9449: present only when DPoP is on. `privateKey` is the kept proof key (private JWK text). */
  dpop?: { algorithm: DpopAlgorithm; privateKey?: string }
  tls?: { ca?: string; cert?: string; key?: string }
  proxy?: ProxySetting
  scope: string[]
  scopeSeparator: ' ' | ','
  username?: string
  password?: string
  refreshToken?: string
  code?: string
  redirectUri?: string
  pkce: boolean
  tokenHeaders: Array<[string, string]>
  tokenParams: Array<[string, string]>
  basicAuth?: { username: string; password: string }
  api: {
    baseUrl?: string
    tokenPlacement: 'header' | 'query'
    queryParam: string
    headers: Array<[string, string]>
  }
  timeoutMs: number
  /** Every secret value (at the paths src/shared/secretFields.ts lists, after templates), for masking. */
  secrets: string[]
  /** Header and parameter names the user marked secret: masked by name too, however short the value. */
  secretNames: string[]
}

const TEMPLATE = /\{\{\s*([A-Za-z][A-Za-z0-9.]*)\s*\}\}/g
const TEMPLATABLE_FIELDS = [
  'clientId',
  'clientSecret',
  'username',
  'password',
  'refreshToken',
  'code',
  'redirectUri',
  'tokenUrl',
  'authorizeUrl',
  'issuer',
  'name',
] as const

/**
 * Resolves environment references and templates. Templates see the top-level fields after their own
 * environment references are read, so a secret is typed once (`"x-api-key": "{{clientSecret}}"`).
 */
export function resolveIntegration(integration: Integration, env: Environment): ResolvedIntegration {
  const secrets = new Set<string>()
  const base: Record<string, string | undefined> = {}
  for (const field of TEMPLATABLE_FIELDS) {
    const value = integration[field]
    base[field] = value === undefined ? undefined : readValue(value, field, env)
  }
  // basicAuth's parts can be reused too: SkyKick sends the subscription key both in Basic and in a header.
  if (integration.basicAuth) {
    base['basicAuth.username'] = readValue(integration.basicAuth.username, 'basicAuth.username', env)
    base['basicAuth.password'] = readValue(integration.basicAuth.password, 'basicAuth.password', env)
  }
  const resolve = (value: ConfigValue | undefined, field: string): string | undefined => {
    if (value === undefined) return undefined
    const text = fillTemplates(readValue(value, field, env), field, base)
    if (text && isSecretPath(integration, field)) secrets.add(text)
    return text
  }
  const resolvePairs = (
    map: Record<string, ConfigValue> | undefined,
    field: string,
  ): Array<[string, string]> =>
    Object.entries(map ?? {}).map(([name, value]) => [name, resolve(value, `${field}.${name}`)!])
  const top = (field: keyof Integration & string) =>
    resolve(integration[field] as ConfigValue | undefined, field)

  const resolved: ResolvedIntegration = {
    source: integration,
    grant: integration.grant,
    tokenUrl: top('tokenUrl'),
    authorizeUrl: top('authorizeUrl'),
    deviceAuthorizationUrl: top('deviceAuthorizationUrl'),
    introspectionUrl: top('introspectionUrl'),
    userinfoUrl: top('userinfoUrl'),
    jwksUrl: top('jwksUrl'),
    issuer: top('issuer'),
    clientId: top('clientId'),
    clientSecret: top('clientSecret'),
    clientAuth: integration.clientAuth ?? (integration.clientSecret === undefined ? 'none' : 'basic'),
    clientAssertionKey: top('clientAssertionKey'),
    clientAssertionAlg: integration.clientAssertionAlg,
    tokenExchange: integration.tokenExchange && {
      subjectToken: resolve(integration.tokenExchange.subjectToken, 'tokenExchange.subjectToken'),
      subjectTokenType: integration.tokenExchange.subjectTokenType,
      actorToken: resolve(integration.tokenExchange.actorToken, 'tokenExchange.actorToken'),
      actorTokenType: integration.tokenExchange.actorTokenType,
      audience: integration.tokenExchange.audience ?? [],
      resource: integration.tokenExchange.resource ?? [],
      requestedTokenType: integration.tokenExchange.requestedTokenType,
    },
    jwtBearer: integration.jwtBearer && {
      assertion: resolve(integration.jwtBearer.assertion, 'jwtBearer.assertion'),
      privateKey: resolve(integration.jwtBearer.privateKey, 'jwtBearer.privateKey'),
      algorithm: integration.jwtBearer.algorithm,
      issuer: resolve(integration.jwtBearer.issuer, 'jwtBearer.issuer'),
      subject: resolve(integration.jwtBearer.subject, 'jwtBearer.subject'),
      audience: resolve(integration.jwtBearer.audience, 'jwtBearer.audience'),
      expiresInSeconds: integration.jwtBearer.expiresInSeconds,
    },
    dpop: resolveDpop(integration.dpop, resolve),
    tls: integration.tls && {
      ca: resolve(integration.tls.ca, 'tls.ca'),
      cert: resolve(integration.tls.cert, 'tls.cert'),
      key: resolve(integration.tls.key, 'tls.key'),
    },
    proxy:
      integration.proxy === 'none'
        ? 'none'
        : integration.proxy && {
            url: resolve(integration.proxy.url, 'proxy.url')!,
            username: resolve(integration.proxy.username, 'proxy.username'),
            password: resolve(integration.proxy.password, 'proxy.password'),
          },
    scope: integration.scope ?? [],
    scopeSeparator: integration.scopeSeparator ?? ' ',
    username: top('username'),
    password: top('password'),
    refreshToken: top('refreshToken'),
    code: top('code'),
    redirectUri: top('redirectUri'),
    pkce: integration.pkce ?? true,
    tokenHeaders: resolvePairs(integration.tokenRequest?.headers, 'tokenRequest.headers'),
    tokenParams: resolvePairs(integration.tokenRequest?.params, 'tokenRequest.params'),
    basicAuth: integration.basicAuth && {
      username: resolve(integration.basicAuth.username, 'basicAuth.username')!,
      password: resolve(integration.basicAuth.password, 'basicAuth.password')!,
    },
    api: {
      baseUrl: resolve(integration.api?.baseUrl, 'api.baseUrl'),
      tokenPlacement: integration.api?.tokenPlacement ?? 'header',
      queryParam: integration.api?.queryParam ?? 'access_token',
      headers: resolvePairs(integration.api?.headers, 'api.headers'),
    },
    timeoutMs: integration.timeoutMs ?? 30_000,
    secrets: [],
    secretNames: markedEntryNames(integration),
  }
  resolved.secrets = [...secrets]
  assertEndpointUrls(resolved)
  return resolved
}

/** The proof key is read (and so masked) even while DPoP is off: the vault keeps it either way. */
function resolveDpop(
  dpop: Integration['dpop'],
  resolve: (value: ConfigValue | undefined, field: string) => string | undefined,
): ResolvedIntegration['dpop'] {
  const privateKey = resolve(dpop?.privateKey, 'dpop.privateKey')
  return dpop?.enabled ? { algorithm: dpop.algorithm ?? 'ES256', privateKey } : undefined
}

function readValue(value: ConfigValue, field: string, env: Environment): string {
  if (typeof value === 'string') return value
  const fromEnv = env[value.env]
  if (fromEnv === undefined) {
    throw new TokenDeskError(
      ERR_ENV_MISSING,
      `"${field}" reads the environment variable ${value.env}, which is not set. Set it, or type the value instead.`,
      {
        field,
        details: { variable: value.env },
      },
    )
  }
  return fromEnv
}

function fillTemplates(text: string, field: string, fields: Record<string, string | undefined>): string {
  return text.replace(TEMPLATE, (_match, name: string) => {
    const value = fields[name]
    if (value === undefined) {
      const known = Object.keys(fields)
        .filter((each) => fields[each] !== undefined)
        .map((each) => `{{${each}}}`)
      throw new TokenDeskError(
        ERR_TEMPLATE_UNKNOWN_FIELD,
        `"${field}" uses {{${name}}}, but the integration has no "${name}". ${known.length ? `Available: ${known.join(', ')}.` : 'Fill that field first.'}`,
        { field },
      )
    }
    return value
  })
}
