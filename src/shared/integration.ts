import { z } from 'zod'
import { isMarkableSecretField, isUnsafeName, MARKABLE_SECRET_FIELD_HINT } from './secretFields'

/**
 * The integration: one saved configuration of how to get a token from one vendor. Used for saving,
 * import/export, the CLI and the forms. Every key is optional unless the chosen grant needs it; the
 * engine says which one is missing. `docs/integration.schema.json` is generated from this schema.
 */
export const INTEGRATION_FORMAT = 'tokendesk.integration/1'

export const KNOWN_GRANTS = [
  'client_credentials',
  'authorization_code',
  'refresh_token',
  'password',
  'device_code',
  'token_exchange',
  'jwt_bearer',
] as const

/** The grant_type sent for the grants whose wire name is a URI (RFC 8693 §2.1, RFC 7523 §2.1). */
export const GRANT_TYPE_URIS = {
  token_exchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
  jwt_bearer: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
} as const

/** RFC 9449 proof-key algorithms TokenDesk can make a key for; ES256 is the default. */
export const DPOP_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'] as const
export type DpopAlgorithm = (typeof DPOP_ALGORITHMS)[number]

/** RFC 8693 §3 token type identifiers, for the subject, actor and requested token types. */
export const TOKEN_TYPES = {
  access_token: 'urn:ietf:params:oauth:token-type:access_token',
  refresh_token: 'urn:ietf:params:oauth:token-type:refresh_token',
  id_token: 'urn:ietf:params:oauth:token-type:id_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  saml1: 'urn:ietf:params:oauth:token-type:saml1',
  saml2: 'urn:ietf:params:oauth:token-type:saml2',
} as const
export const CLIENT_AUTH_STYLES = [
  'basic',
  'body',
  'query',
  'none',
  'client_secret_jwt',
  'private_key_jwt',
] as const

export type ClientAuthStyle = (typeof CLIENT_AUTH_STYLES)[number]

/** `{"env": "NAME"}`: read from the environment when the integration is used, never stored. */
export const envReferenceSchema = z.strictObject({
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'An environment variable name: letters, digits and "_".'),
})
export type EnvReference = z.infer<typeof envReferenceSchema>

/** A string, which may contain `{{clientId}}`-style references to other top-level fields, or an env reference. */
export const configValueSchema = z.union([z.string(), envReferenceSchema])
export type ConfigValue = z.infer<typeof configValueSchema>

const httpUrl = configValueSchema
const tokenTypeUri = z.string().min(1, 'A token type cannot be empty.').max(300)
const targetList = z.array(z.string().min(1, 'An audience or resource cannot be empty.').max(2000)).max(20)
const valueMap = z.record(
  z
    .string()
    .min(1, 'A header or parameter name cannot be empty.')
    .refine(
      (name) => !isUnsafeName(name),
      'A header or parameter cannot be named "__proto__", "constructor" or "prototype".',
    ),
  configValueSchema,
)

export const integrationSchema = z.strictObject({
  format: z.literal(INTEGRATION_FORMAT).optional(),
  name: z.string().max(200).optional(),
  /** Which preset this integration started from; lets checks compare against what the vendor documents. */
  preset: z.string().max(100).optional(),
  grant: z.string().min(1, 'Choose a grant type, e.g. "client_credentials".').max(200),

  tokenUrl: httpUrl.optional(),
  authorizeUrl: httpUrl.optional(),
  deviceAuthorizationUrl: httpUrl.optional(),
  introspectionUrl: httpUrl.optional(),
  userinfoUrl: httpUrl.optional(),
  jwksUrl: httpUrl.optional(),
  issuer: httpUrl.optional(),

  clientId: configValueSchema.optional(),
  clientSecret: configValueSchema.optional(),
  clientAuth: z.enum(CLIENT_AUTH_STYLES).optional(),
  /** PEM (PKCS#8) or JWK (JSON) private key for `private_key_jwt`. */
  clientAssertionKey: configValueSchema.optional(),
  clientAssertionAlg: z.string().max(20).optional(),

  /** RFC 8693 token exchange (grant "token_exchange"): the token to trade and what to get for it. */
  tokenExchange: z
    .strictObject({
      subjectToken: configValueSchema.optional(),
      /** A token type URI; RFC 8693 §3 lists the standard ones (TOKEN_TYPES). */
      subjectTokenType: tokenTypeUri.optional(),
      actorToken: configValueSchema.optional(),
      actorTokenType: tokenTypeUri.optional(),
      audience: targetList.optional(),
      resource: targetList.optional(),
      requestedTokenType: tokenTypeUri.optional(),
    })
    .optional(),

  /** RFC 7523 §2.1 JWT bearer grant (grant "jwt_bearer"): an assertion pasted, or signed with the user's key. */
  jwtBearer: z
    .strictObject({
      /** A ready-made assertion; when set, nothing is signed. */
      assertion: configValueSchema.optional(),
      /** PEM (PKCS#8) or JWK (JSON) private key that signs the assertion. */
      privateKey: configValueSchema.optional(),
      algorithm: z.string().max(20).optional(),
      issuer: configValueSchema.optional(),
      subject: configValueSchema.optional(),
      /** Default: the token URL (RFC 7523 §3). */
      audience: configValueSchema.optional(),
      /** Lifetime of a signed assertion (default 300 s). */
      expiresInSeconds: z.number().int().min(1).max(86_400).optional(),
    })
    .optional(),

  /** RFC 9449 DPoP: sender-constrained tokens, proved with a key TokenDesk makes and keeps in the vault. */
  dpop: z
    .strictObject({
      enabled: z.boolean().optional(),
      /** Default ES256. */
      algorithm: z.enum(DPOP_ALGORITHMS).optional(),
      /** The proof key as a private JWK (JSON text), made by TokenDesk when missing: a secret. */
      privateKey: configValueSchema.optional(),
    })
    .optional(),

  tls: z
    .strictObject({
      ca: configValueSchema.optional(),
      cert: configValueSchema.optional(),
      key: configValueSchema.optional(),
    })
    .optional(),

  /**
   * Which HTTP proxy to use. Without it: the system's (in the app) or HTTPS_PROXY/HTTP_PROXY/NO_PROXY
   * (in the CLI). "none" connects directly.
   */
  proxy: z
    .union([
      z.literal('none'),
      z.strictObject({
        url: configValueSchema,
        username: configValueSchema.optional(),
        password: configValueSchema.optional(),
      }),
    ])
    .optional(),

  scope: z.array(z.string().min(1, 'A scope cannot be empty.').max(500)).optional(),
  scopeSeparator: z.enum([' ', ',']).optional(),

  username: configValueSchema.optional(),
  password: configValueSchema.optional(),
  refreshToken: configValueSchema.optional(),
  code: configValueSchema.optional(),
  redirectUri: configValueSchema.optional(),
  pkce: z.boolean().optional(),
  /** How the user signs in for authorization_code: see docs/integration.md, "Sign-in". */
  signIn: z
    .strictObject({
      /** The embedded window, the system browser (loopback redirect), or ask each time (default). */
      via: z.enum(['embedded', 'browser', 'ask']).optional(),
      /** Keep the embedded window's cookies for this integration between sign-ins. */
      rememberSession: z.boolean().optional(),
      responseMode: z.enum(['query', 'fragment', 'form_post']).optional(),
      /** Extra authorize parameters (prompt, login_hint, audience, resource…). */
      authorizeParams: z.record(z.string().min(1).max(100), z.string().max(2000)).optional(),
      /** Minutes to wait for the browser to come back (default 5). */
      timeoutMinutes: z.number().int().min(1).max(60).optional(),
    })
    .optional(),

  tokenRequest: z
    .strictObject({
      headers: valueMap.optional(),
      params: valueMap.optional(),
    })
    .optional(),

  basicAuth: z
    .strictObject({
      username: configValueSchema,
      password: configValueSchema,
    })
    .optional(),

  api: z
    .strictObject({
      baseUrl: httpUrl.optional(),
      tokenPlacement: z.enum(['header', 'query']).optional(),
      queryParam: z.string().min(1).max(100).optional(),
      headers: valueMap.optional(),
    })
    .optional(),

  /** Paths of other values the user marked secret, e.g. "tokenRequest.params.partner_code". */
  secretFields: z
    .array(
      z
        .string()
        .max(300)
        .refine(isMarkableSecretField, {
          error: (issue) =>
            `${JSON.stringify(issue.input)} is not a field that can hold a secret. ${MARKABLE_SECRET_FIELD_HINT}`,
        }),
    )
    .max(200)
    .optional(),

  /** Timeout of each HTTP call in milliseconds (default 30 000). */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
})

export type Integration = z.infer<typeof integrationSchema>
