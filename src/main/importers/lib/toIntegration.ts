import {
  INTEGRATION_FORMAT,
  KNOWN_GRANTS,
  type ConfigValue,
  type Integration,
} from '../../../shared/integration'
import type { TemplateReader, Warn } from './templates'

export const IMPLICIT_GRANT_WARNING =
  'Implicit grant is deprecated (RFC 9700); use authorization code with PKCE'

/**
 * One tool's OAuth 2.0 settings in one shape, values still as the tool wrote them (with its
 * variables). Each importer fills this from its own format; `toIntegration` does the rest.
 */
export interface ToolOAuthSettings {
  /** Names the source in warnings: `Postman request "Shop / Orders"`. */
  label: string
  /** The leaf's name: the request's, folder's or collection's own. */
  name: string
  /** The folders it sits in, outermost first (the collection's name first); [] for the collection's own. */
  folder: string[]
  /** The block holds a token the tool saved (Postman's `accessToken`): said when nothing else is there. */
  savedToken?: boolean
  /** The tool's grant name: `password_credentials` and `authorization_code_with_pkce` are mapped here. */
  grant: string
  tokenUrl?: string
  authorizeUrl?: string
  clientId?: string
  clientSecret?: string
  scope?: string
  username?: string
  password?: string
  redirectUri?: string
  refreshToken?: string
  pkce?: boolean
  /** `S256` or `plain`. */
  pkceMethod?: string
  /** Where the tool sends the client's credentials on the token request. */
  clientAuth: 'basic' | 'body'
  tokenPlacement?: 'header' | 'query'
  queryParam?: string
  headerPrefix?: string
  tokenParams?: Array<[string, string]>
  tokenHeaders?: Array<[string, string]>
  /** Parameters the tool adds to the token URL's query string. */
  tokenUrlParams?: Array<[string, string]>
  /** Parameters the tool adds to the authorization request. */
  authorizeParams?: Array<[string, string]>
  /** What the importer could not carry over, said to the user. */
  notes?: string[]
}

/** One OAuth 2.0 configuration found in a file: an integration to validate, or why it was left out. */
export type ImportDraft =
  | { label: string; integration: Integration; folder: string[]; warnings: string[] }
  | { label: string; skipped: string }

const GRANT_NAMES: Record<string, { grant: string; pkce?: boolean }> = {
  password_credentials: { grant: 'password' },
  authorization_code_with_pkce: { grant: 'authorization_code', pkce: true },
}

/** Maps one tool's settings to an integration; `readerFor` fills in the tool's variables. */
export function toIntegration(
  settings: ToolOAuthSettings,
  readerFor: (warn: Warn) => TemplateReader,
): ImportDraft {
  const { label } = settings
  const rawGrant = settings.grant.trim()
  if (rawGrant === 'implicit') {
    return { label, skipped: `${label}: ${IMPLICIT_GRANT_WARNING}. It was not imported.` }
  }
  if (![settings.tokenUrl, settings.authorizeUrl, settings.clientId].some((value) => value?.trim())) {
    return { label, skipped: `${label}: ${emptyReason(settings)} It was not imported.` }
  }
  const warnings: string[] = []
  const warn: Warn = (message) => warnings.push(`${label}: ${message}`)
  const reader = readerFor(warn)
  const alias = GRANT_NAMES[rawGrant]
  const grant = alias?.grant ?? rawGrant
  if (!(KNOWN_GRANTS as readonly string[]).includes(grant)) {
    warn(`the grant "${grant}" is not one TokenDesk knows; it was kept as an extension grant. Check it.`)
  }
  settings.notes?.forEach(warn)

  const isCode = grant === 'authorization_code'
  const integration: Integration = { format: INTEGRATION_FORMAT, name: settings.name.slice(0, 200), grant }
  const set = <K extends keyof Integration>(key: K, value: Integration[K] | undefined) => {
    if (value !== undefined) integration[key] = value
  }
  const tokenUrl = reader.value(settings.tokenUrl, 'tokenUrl')
  set('tokenUrl', withQuery(tokenUrl, settings.tokenUrlParams, 'tokenUrl', reader, warn))
  if (isCode) {
    const authorizeUrl = reader.value(settings.authorizeUrl, 'authorizeUrl')
    set('authorizeUrl', withQuery(authorizeUrl, settings.authorizeParams, 'authorizeUrl', reader, warn))
  } else if (settings.authorizeParams?.length) {
    warn(
      `parameters for the authorization request (${names(settings.authorizeParams)}) are not used by this grant.`,
    )
  }
  set('clientId', reader.value(settings.clientId, 'clientId'))
  set('clientSecret', reader.value(settings.clientSecret, 'clientSecret'))
  // RFC 6749 §2.3.1 / §4.1.3: a client without a secret is public and only names itself.
  set('clientAuth', integration.clientSecret === undefined ? 'none' : settings.clientAuth)
  const scope = reader.text(settings.scope, 'scope')
  if (scope !== undefined) {
    const split = splitScope(scope, warn)
    set('scope', split.scope)
    set('scopeSeparator', split.separator)
  }
  if (grant === 'password') {
    set('username', reader.value(settings.username, 'username'))
    set('password', reader.value(settings.password, 'password'))
  }
  if (grant === 'refresh_token') set('refreshToken', reader.value(settings.refreshToken, 'refreshToken'))
  if (isCode) {
    set('redirectUri', reader.value(settings.redirectUri, 'redirectUri'))
    integration.pkce = alias?.pkce ?? settings.pkce ?? false
    if (integration.pkce && settings.pkceMethod?.trim().toLowerCase() === 'plain') {
      warn('the PKCE method was "plain"; TokenDesk always uses S256 (RFC 7636 §4.2).')
    }
  }
  set('tokenRequest', tokenRequest(settings, reader))
  set('api', api(settings, warn))
  return { label, integration, folder: settings.folder, warnings }
}

/** An OAuth 2.0 block with no token URL, authorization URL or client: nothing to get a token with. */
function emptyReason(settings: ToolOAuthSettings): string {
  return settings.savedToken
    ? 'its OAuth 2.0 block holds only a saved token — it was probably fetched by a script. Set up the grant that fetches it (token URL and client) in TokenDesk instead.'
    : 'its OAuth 2.0 block has no token URL, authorization URL or client ID.'
}

function splitScope(scope: string, warn: Warn): { scope: string[]; separator?: ',' } {
  const trimmed = scope.trim()
  const hasSpace = /\s/.test(trimmed)
  if (trimmed.includes(',') && !hasSpace) {
    return { scope: trimmed.split(',').filter(Boolean), separator: ',' }
  }
  if (trimmed.includes(',')) {
    warn(
      `the scope "${trimmed}" has both commas and spaces; it was split on spaces (RFC 6749 §3.3). Check it.`,
    )
  }
  return { scope: trimmed.split(/\s+/).filter(Boolean) }
}

function tokenRequest(settings: ToolOAuthSettings, reader: TemplateReader): Integration['tokenRequest'] {
  const params = valueMap(settings.tokenParams, 'tokenRequest.params', reader)
  const headers = valueMap(settings.tokenHeaders, 'tokenRequest.headers', reader)
  if (!params && !headers) return undefined
  return { ...(headers && { headers }), ...(params && { params }) }
}

function valueMap(
  pairs: Array<[string, string]> | undefined,
  field: string,
  reader: TemplateReader,
): Record<string, ConfigValue> | undefined {
  const map: Record<string, ConfigValue> = {}
  for (const [rawName, rawValue] of pairs ?? []) {
    const name = reader.text(rawName, field)?.trim()
    const value = name ? reader.value(rawValue, `${field}.${name}`) : undefined
    if (name && value !== undefined) map[name] = value
  }
  return Object.keys(map).length ? map : undefined
}

function api(settings: ToolOAuthSettings, warn: Warn): Integration['api'] {
  const prefix = settings.headerPrefix?.trim()
  if (prefix && prefix.toLowerCase() !== 'bearer' && settings.tokenPlacement !== 'query') {
    warn(
      `the token was sent after the header prefix "${prefix}"; TokenDesk sends "Bearer". Check the API accepts it.`,
    )
  }
  if (settings.tokenPlacement === 'query') {
    return { tokenPlacement: 'query', queryParam: settings.queryParam?.trim() || 'access_token' }
  }
  return { tokenPlacement: 'header' }
}

/** Adds the tool's extra query parameters to a URL typed as text; an environment reference cannot take them. */
function withQuery(
  url: ConfigValue | undefined,
  params: Array<[string, string]> | undefined,
  field: string,
  reader: TemplateReader,
  warn: Warn,
): ConfigValue | undefined {
  if (!params?.length) return url
  if (typeof url !== 'string') {
    warn(
      `the query parameters ${names(params)} for "${field}" were not imported: add them to the URL by hand.`,
    )
    return url
  }
  const query = params
    .map(([name, value]) => [reader.text(name, field)?.trim(), reader.text(value, `${field}?${name}`) ?? ''])
    .filter((pair): pair is [string, string] => Boolean(pair[0]))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
  if (!query.length) return url
  return `${url}${url.includes('?') ? '&' : '?'}${query.join('&')}`
}

function names(pairs: Array<[string, string]>): string {
  return pairs.map(([name]) => `"${name}"`).join(', ')
}
