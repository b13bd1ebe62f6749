import {
  definedNames,
  firstOf,
  lookupIn,
  withSharedVariables,
  type ImportedEnvironment,
  type ImportedVariable,
  type Variables,
} from './lib/environments'
import { isObject, MAX_NESTING, objects, text, tooDeep, type JsonObject } from './lib/json'
import { templateReader, type TemplateSyntax } from './lib/templates'
import { toIntegration, type ImportDraft, type ToolOAuthSettings } from './lib/toIntegration'

/**
 * Postman Collection v2.1 (and v2.0, the same for auth): OAuth 2.0 settings sit in `auth` objects of
 * type "oauth2" on the collection, on folders (`item[].auth`) and on requests (`item[].request.auth`).
 * v2.1 writes them as `[{key, value, type}]`, v2.0 as a plain object.
 */
const POSTMAN_SCHEMA =
  /^https?:\/\/schema\.(?:get)?postman\.com\/json\/collection\/v2\.[01]\.0\/collection\.json$/
const SYNTAX: TemplateSyntax = { tool: 'Postman', reference: /\{\{([^{}]+)\}\}/ }

interface RequestParam {
  key: string
  value: string
  /** `request_body`, `request_header` or `request_url`. */
  sendAs: string
}

export function isPostmanCollection(value: unknown): value is JsonObject {
  return isObject(value) && isObject(value.info) && POSTMAN_SCHEMA.test(text(value.info.schema) ?? '')
}

/** A Postman environment export: `{ name, values: [{ key, value, type, enabled }], _postman_variable_scope }`. */
export function isPostmanEnvironment(value: unknown): value is JsonObject {
  return isObject(value) && value._postman_variable_scope === 'environment' && Array.isArray(value.values)
}

export function readPostmanEnvironment(file: JsonObject): ImportedEnvironment {
  return { name: text(file.name)?.trim() || 'Postman environment', variables: variableList(file.values) }
}

/**
 * The collection's OAuth 2.0 settings and its environments: the environment files given with it,
 * each carrying the collection variables too. References to those variables stay `{{name}}`;
 * variables of a folder or request are filled in.
 */
export function readPostmanCollection(
  collection: JsonObject,
  environmentFiles: ImportedEnvironment[] = [],
): { drafts: ImportDraft[]; environments: ImportedEnvironment[] } {
  const info = collection.info as JsonObject
  const collectionName = text(info.name)?.trim() || 'Postman collection'
  const environments = withSharedVariables(
    environmentFiles,
    variableList(collection.variable),
    `${collectionName} variables`,
  )
  const workspaceVariable = definedNames(environments)
  const drafts: ImportDraft[] = []
  const visit = (auth: unknown, kind: string, path: string[], scopes: Variables[]) => {
    if (!isObject(auth) || auth.type !== 'oauth2') return
    const settings = settingsFrom(oauth2Params(auth), `Postman ${kind} "${path.join(' / ')}"`, path)
    const lookup = firstOf(...scopes.map(lookupIn))
    drafts.push(
      toIntegration(settings, (warn) => templateReader(SYNTAX, { lookup, workspaceVariable }, warn)),
    )
  }
  let tooDeepSeen = false
  const walk = (items: unknown, path: string[], scopes: Variables[]) => {
    if (path.length > MAX_NESTING) {
      if (!tooDeepSeen) drafts.push(tooDeep('Postman'))
      tooDeepSeen = true
      return
    }
    for (const item of objects(items)) {
      const itemPath = [...path, text(item.name)?.trim() || 'Untitled']
      const itemScopes = [variablesOf(item.variable), ...scopes]
      if (Array.isArray(item.item)) {
        visit(item.auth, 'folder', itemPath, itemScopes)
        walk(item.item, itemPath, itemScopes)
      } else if (isObject(item.request)) {
        visit(item.request.auth, 'request', itemPath, itemScopes)
      }
    }
  }
  const root = [collectionName]
  visit(collection.auth, 'collection', root, [])
  walk(collection.item, root, [])
  return { drafts, environments }
}

/** A folder's or request's own variables, filled in where they are used. */
function variablesOf(list: unknown): Variables {
  const variables: Variables = {}
  for (const variable of objects(list)) {
    const name = text(variable.key) ?? text(variable.id)
    const value = text(variable.value)
    if (name && value !== undefined && value !== '' && variable.disabled !== true) variables[name] = value
  }
  return variables
}

/** Collection variables (`disabled`) and environment values (`enabled`), secrets by `type: "secret"`. */
function variableList(list: unknown): ImportedVariable[] {
  const variables = new Map<string, ImportedVariable>()
  for (const variable of objects(list)) {
    const name = (text(variable.key) ?? text(variable.id))?.trim()
    if (!name || variable.disabled === true || variable.enabled === false) continue
    variables.set(name, { name, value: text(variable.value) ?? '', secret: variable.type === 'secret' })
  }
  return [...variables.values()]
}

function oauth2Params(auth: JsonObject): Map<string, unknown> {
  if (Array.isArray(auth.oauth2)) {
    return new Map(
      objects(auth.oauth2)
        .filter((entry) => typeof entry.key === 'string')
        .map((entry) => [entry.key as string, entry.value]),
    )
  }
  return new Map(isObject(auth.oauth2) ? Object.entries(auth.oauth2) : [])
}

function settingsFrom(params: Map<string, unknown>, label: string, path: string[]): ToolOAuthSettings {
  const get = (key: string) => text(params.get(key))
  const notes: string[] = []
  const tokenParams = requestParams(params.get('tokenRequestParams'))
  const settings: ToolOAuthSettings = {
    label,
    name: path[path.length - 1]!,
    folder: path.slice(0, -1),
    savedToken: Boolean(get('accessToken')?.trim()),
    // Postman's default grant, when the key is absent, is authorization code.
    grant: get('grant_type') || 'authorization_code',
    tokenUrl: get('accessTokenUrl'),
    authorizeUrl: get('authUrl'),
    clientId: get('clientId'),
    clientSecret: get('clientSecret'),
    scope: get('scope'),
    username: get('username'),
    password: get('password'),
    redirectUri: get('redirect_uri') || get('callbackUrl'),
    refreshToken: get('refreshToken'),
    pkceMethod: get('challengeAlgorithm'),
    // "Send as Basic Auth header" is Postman's default.
    clientAuth: get('client_authentication') === 'body' ? 'body' : 'basic',
    tokenPlacement: get('addTokenTo') === 'queryParams' ? 'query' : 'header',
    headerPrefix: get('headerPrefix'),
    tokenParams: [
      ...extraParam('audience', params.get('audience'), notes),
      ...extraParam('resource', params.get('resource'), notes),
      ...pairs(tokenParams.filter((param) => param.sendAs === 'request_body')),
    ],
    tokenHeaders: pairs(tokenParams.filter((param) => param.sendAs === 'request_header')),
    tokenUrlParams: pairs(tokenParams.filter((param) => param.sendAs === 'request_url')),
    notes,
  }
  const authParams = requestParams(params.get('authRequestParams'), 'request_url')
  settings.authorizeParams = pairs(authParams.filter((param) => param.sendAs === 'request_url'))
  const elsewhere = authParams.filter((param) => param.sendAs !== 'request_url')
  if (elsewhere.length) {
    notes.push(
      `authorization request parameters sent outside the URL (${keys(elsewhere)}) were not imported.`,
    )
  }
  const refreshOnly = requestParams(params.get('refreshRequestParams')).filter(
    (param) => !tokenParams.some((other) => sameParam(param, other)),
  )
  if (refreshOnly.length) {
    notes.push(
      `refresh request parameters (${keys(refreshOnly)}) were not imported: TokenDesk sends the token request parameters on refresh too.`,
    )
  }
  const refreshUrl = get('refreshTokenUrl')
  if (refreshUrl && refreshUrl !== settings.tokenUrl) {
    notes.push(`the refresh token URL ${refreshUrl} was not imported: TokenDesk refreshes at the token URL.`)
  }
  return settings
}

function requestParams(value: unknown, defaultSendAs = 'request_body'): RequestParam[] {
  return objects(value)
    .filter((param) => param.enabled !== false && typeof param.key === 'string' && param.key !== '')
    .map((param) => ({
      key: param.key as string,
      value: text(param.value) ?? '',
      sendAs: text(param.send_as) ?? defaultSendAs,
    }))
}

/**
 * Postman's `audience` and `resource` are text, or an object keyed by an internal id. Either way they
 * go to the token request, where Auth0-style servers read them.
 */
function extraParam(name: string, value: unknown, notes: string[]): Array<[string, string]> {
  if (typeof value === 'string') return value.trim() ? [[name, value]] : []
  if (!isObject(value)) return []
  const values = [
    ...new Set(
      Object.values(value)
        .map(text)
        .filter((each): each is string => Boolean(each)),
    ),
  ]
  if (values.length === 1) return [[name, values[0]!]]
  if (values.length > 1) notes.push(`"${name}" has several values (${values.join(', ')}); none was imported.`)
  return []
}

const pairs = (params: RequestParam[]): Array<[string, string]> =>
  params.map((param) => [param.key, param.value])
const keys = (params: RequestParam[]) => params.map((param) => `"${param.key}"`).join(', ')
const sameParam = (a: RequestParam, b: RequestParam) =>
  a.key === b.key && a.value === b.value && a.sendAs === b.sendAs
