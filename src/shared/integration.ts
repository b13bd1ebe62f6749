import { z } from 'zod'

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
] as const
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
const valueMap = z.record(z.string().min(1, 'A header or parameter name cannot be empty.'), configValueSchema)

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
  secretFields: z.array(z.string().max(300)).optional(),

  /** Timeout of each HTTP call in milliseconds (default 30 000). */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
})

export type Integration = z.infer<typeof integrationSchema>

/** Top-level fields whose values are secrets: masked everywhere, stored only encrypted. */
export const SECRET_FIELDS = [
  'clientSecret',
  'password',
  'refreshToken',
  'code',
  'clientAssertionKey',
] as const
