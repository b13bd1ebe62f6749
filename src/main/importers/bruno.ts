import { bruDictionary, bruRecord, parseBruBlocks, type BruBlock } from './lib/bruLang'
import {
  definedNames,
  firstOf,
  lookupIn,
  withSharedVariables,
  type ImportedEnvironment,
  type ImportedVariable,
  type Lookup,
  type Variables,
} from './lib/environments'
import { flag, isObject, MAX_NESTING, objects, text, tooDeep, type JsonObject } from './lib/json'
import { templateReader, type TemplateSyntax } from './lib/templates'
import { toIntegration, type ImportDraft, type ToolOAuthSettings } from './lib/toIntegration'

/**
 * Bruno, in its two shapes: a `.bru` file (a request, `folder.bru` or `collection.bru`) with an
 * `auth:oauth2 { … }` block of snake_case keys, and the JSON collection export (`version: "1"`,
 * `items[]`) whose `request.auth.oauth2` holds the same settings in camelCase. The `.bru` keys are
 * turned into the export's so that one mapping serves both.
 */
const SYNTAX: TemplateSyntax = { tool: 'Bruno', reference: /\{\{([^{}]+)\}\}/ }
const PROCESS_ENV = /^process\.env\.(.+)$/
const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'connect', 'trace']
const ADDITIONAL_PARAMS =
  /^auth:oauth2:additional_params:(auth_req|access_token_req|refresh_req):(headers|queryparams|body)$/
const STAGES = { auth_req: 'authorization', access_token_req: 'token', refresh_req: 'refresh' } as const

/** One of Bruno's "additional parameters" of an OAuth 2.0 request. */
interface AdditionalParam {
  name: string
  value: string
  /** `headers`, `queryparams` or `body`. */
  sendIn: string
}

export function isBrunoCollection(value: unknown): value is JsonObject {
  return isObject(value) && value.version === '1' && Array.isArray(value.items)
}

/** True for a `.bru` file: by its name, or by a Bruno block on a line of its own. */
export function looksLikeBru(fileName: string | undefined, content: string): boolean {
  if (/^\s*[[{]/.test(content)) return false
  if (fileName?.toLowerCase().endsWith('.bru')) return true
  return /^(meta|auth:oauth2|auth|get|post|put)\s*\{\s*$/m.test(content)
}

export function readBruFile(content: string, fileName?: string): ImportDraft[] {
  const blocks = parseBruBlocks(content)
  const { kind, name } = identify(blocks, fileName)
  return draftsFromBru(blocks, { kind, path: [name], scopes: [] })
}

/** Where a `.bru` file sits and which variables it sees: its own are added here. */
export interface BruPlacement {
  kind: string
  /** The folders and the file's own name, outermost first. */
  path: string[]
  /** Variables of the folders around it, innermost first: filled in. */
  scopes: Lookup[]
  /** Environment and collection variables: kept as `{{name}}`. */
  workspaceVariable?: (name: string) => string | undefined
}

/** The `auth:oauth2` block of one parsed `.bru` file as a draft (none without such a block). */
export function draftsFromBru(blocks: BruBlock[], placement: BruPlacement): ImportDraft[] {
  const oauth2Block = blocks.find((each) => each.name === 'auth:oauth2')
  if (!oauth2Block) return []
  const label = `Bruno ${placement.kind} "${placement.path.join(' / ')}"`
  const notes: string[] = []
  const mode = authMode(blocks)
  if (mode && mode !== 'oauth2') {
    notes.push(`its auth mode is "${mode}", not oauth2; its OAuth 2.0 settings were imported anyway.`)
  }
  const oauth2: JsonObject = {}
  for (const [key, value] of Object.entries(bruRecord(oauth2Block))) oauth2[camelCase(key)] = value
  oauth2.additionalParameters = additionalParamsOf(blocks)
  const lookup = firstOf(lookupIn(bruVariables(blocks)), ...placement.scopes)
  return [draftFrom(oauth2, label, placement.path, lookup, placement.workspaceVariable, notes)]
}

/** A `.bru` file's `vars:pre-request` entries; a leading `@` marks a request-local variable, the same for us. */
export function bruVariables(blocks: BruBlock[]): Variables {
  const block = blocks.find((each) => each.name === 'vars:pre-request')
  return localVariables(block ? bruDictionary(block) : [])
}

/** What the file is (`collection.bru`, `folder.bru` or a request) and its name: `meta.name`, else the file's. */
export function identify(blocks: BruBlock[], fileName: string | undefined): { kind: string; name: string } {
  const baseName = fileName
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.bru$/i, '')
  const hasMethod = blocks.some((block) => HTTP_METHODS.includes(block.name))
  const kind =
    baseName === 'collection' || baseName === 'folder'
      ? baseName
      : hasMethod || baseName
        ? 'request'
        : 'collection'
  const meta = bruRecord(blocks.find((block) => block.name === 'meta'))
  return { kind, name: meta.name?.trim() || (kind === 'request' && baseName) || `Bruno ${kind}` }
}

/**
 * The JSON export: its environments become environments (with the collection's own variables in
 * each); references to them stay `{{name}}`, folder and request variables are filled in.
 */
export function readBrunoCollection(collection: JsonObject): {
  drafts: ImportDraft[]
  environments: ImportedEnvironment[]
} {
  const root = isObject(collection.root) ? collection.root : {}
  const collectionName = text(collection.name)?.trim() || 'Bruno collection'
  const environments = withSharedVariables(
    objects(collection.environments).map((environment) => ({
      name: text(environment.name)?.trim() || 'Environment',
      variables: environmentVariables(environment.variables),
    })),
    variableList(requestVariables(root.request)),
    `${collectionName} variables`,
  )
  const workspaceVariable = definedNames(environments)
  const drafts: ImportDraft[] = []
  const visit = (request: unknown, kind: string, path: string[], scopes: Lookup[]) => {
    const auth = isObject(request) ? request.auth : undefined
    if (!isObject(auth) || auth.mode !== 'oauth2' || !isObject(auth.oauth2)) return
    const label = `Bruno ${kind} "${path.join(' / ')}"`
    drafts.push(draftFrom(auth.oauth2, label, path, firstOf(...scopes), workspaceVariable, []))
  }
  let tooDeepSeen = false
  const walk = (items: unknown, path: string[], folders: Lookup[]) => {
    if (path.length > MAX_NESTING) {
      if (!tooDeepSeen) drafts.push(tooDeep('Bruno'))
      tooDeepSeen = true
      return
    }
    for (const item of objects(items)) {
      const itemPath = [...path, text(item.name)?.trim() || 'Untitled']
      if (item.type === 'folder') {
        const folderRoot = isObject(item.root) ? item.root : {}
        const scopes = [lookupIn(requestVariables(folderRoot.request)), ...folders]
        visit(folderRoot.request, 'folder', itemPath, scopes)
        walk(item.items, itemPath, scopes)
      } else {
        const own = lookupIn(requestVariables(isObject(item.request) ? item.request : undefined))
        visit(item.request, 'request', itemPath, [own, ...folders])
      }
    }
  }
  visit(root.request, 'collection', [collectionName], [])
  walk(collection.items, [collectionName], [])
  return { drafts, environments }
}

/** An exported environment's variables; Bruno leaves a secret's value out of the export. */
function environmentVariables(list: unknown): ImportedVariable[] {
  return objects(list)
    .filter((variable) => variable.enabled !== false && text(variable.name)?.trim())
    .map((variable) => ({
      name: text(variable.name)!.trim(),
      value: text(variable.value) ?? '',
      secret: flag(variable.secret),
    }))
}

const variableList = (variables: Variables): ImportedVariable[] =>
  Object.entries(variables).map(([name, value]) => ({ name, value, secret: false }))

function draftFrom(
  oauth2: JsonObject,
  label: string,
  path: string[],
  lookup: Lookup,
  workspaceVariable: ((name: string) => string | undefined) | undefined,
  notes: string[],
): ImportDraft {
  const grant = text(oauth2.grantType)?.trim()
  if (!grant) return { label, skipped: `${label}: its OAuth 2.0 settings have no grant type; not imported.` }
  const source = {
    lookup,
    workspaceVariable,
    environmentVariable: (reference: string) => PROCESS_ENV.exec(reference)?.[1],
  }
  return toIntegration(settingsFrom(oauth2, grant, label, path, notes), (warn) =>
    templateReader(SYNTAX, source, warn),
  )
}

function settingsFrom(
  oauth2: JsonObject,
  grant: string,
  label: string,
  path: string[],
  notes: string[],
): ToolOAuthSettings {
  const get = (key: string) => text(oauth2[key])
  const extra = isObject(oauth2.additionalParameters) ? oauth2.additionalParameters : {}
  const token = enabledParams(extra.token)
  const authorization = enabledParams(extra.authorization)
  const onlyIn = (sendIn: string, params: AdditionalParam[]): Array<[string, string]> =>
    params.filter((param) => param.sendIn === sendIn).map((param) => [param.name, param.value])
  const notInUrl = authorization.filter((param) => param.sendIn !== 'queryparams')
  if (notInUrl.length) {
    notes.push(`authorization request parameters outside the URL (${keys(notInUrl)}) were not imported.`)
  }
  const refreshOnly = enabledParams(extra.refresh).filter(
    (param) => !token.some((other) => other.name === param.name && other.value === param.value),
  )
  if (refreshOnly.length) {
    notes.push(
      `refresh request parameters (${keys(refreshOnly)}) were not imported: TokenDesk sends the token request parameters on refresh too.`,
    )
  }
  const refreshUrl = get('refreshTokenUrl')?.trim()
  if (refreshUrl && refreshUrl !== get('accessTokenUrl')?.trim()) {
    notes.push(`the refresh token URL ${refreshUrl} was not imported: TokenDesk refreshes at the token URL.`)
  }
  return {
    label,
    name: path[path.length - 1]!,
    folder: path.slice(0, -1),
    grant,
    tokenUrl: get('accessTokenUrl'),
    authorizeUrl: get('authorizationUrl'),
    clientId: get('clientId'),
    clientSecret: get('clientSecret'),
    scope: get('scope'),
    username: get('username'),
    password: get('password'),
    redirectUri: get('callbackUrl'),
    refreshToken: get('refreshToken'),
    pkce: flag(oauth2.pkce),
    clientAuth: clientAuthOf(oauth2, notes),
    tokenPlacement: get('tokenPlacement') === 'url' ? 'query' : 'header',
    queryParam: get('tokenQueryKey'),
    headerPrefix: get('tokenHeaderPrefix'),
    tokenParams: onlyIn('body', token),
    tokenHeaders: onlyIn('headers', token),
    tokenUrlParams: onlyIn('queryparams', token),
    authorizeParams: onlyIn('queryparams', authorization),
    notes,
  }
}

/** Bruno's default placement is the body; newer versions name the RFC 7591 method instead. */
function clientAuthOf(oauth2: JsonObject, notes: string[]): 'basic' | 'body' {
  const method = text(oauth2.tokenEndpointAuthMethod)?.trim()
  if (method === 'client_secret_basic') return 'basic'
  if (method && method !== 'client_secret_post' && method !== 'none') {
    notes.push(
      `the client authentication "${method}" was not imported: choose it in TokenDesk and add its key.`,
    )
  }
  if (method) return 'body'
  return text(oauth2.credentialsPlacement) === 'basic_auth_header' ? 'basic' : 'body'
}

function enabledParams(list: unknown): AdditionalParam[] {
  return objects(list)
    .filter((param) => param.enabled !== false && text(param.name))
    .map((param) => ({
      name: text(param.name)!,
      value: text(param.value) ?? '',
      sendIn: text(param.sendIn) ?? 'body',
    }))
}

/** `auth:oauth2:additional_params:<stage>:<where>` blocks, in the export's `additionalParameters` shape. */
function additionalParamsOf(blocks: BruBlock[]): JsonObject {
  const params: Record<string, Array<AdditionalParam & { enabled: boolean }>> = {}
  for (const block of blocks) {
    const match = ADDITIONAL_PARAMS.exec(block.name)
    if (!match) continue
    const stage = STAGES[match[1] as keyof typeof STAGES]
    const entries = bruDictionary(block).map((pair) => ({
      name: pair.key,
      value: pair.value,
      enabled: pair.enabled,
      sendIn: match[2]!,
    }))
    params[stage] = [...(params[stage] ?? []), ...entries]
  }
  return params
}

/** The request's auth mode: `auth: …` in its method block, or `mode: …` in an `auth` block. */
function authMode(blocks: BruBlock[]): string | undefined {
  const method = blocks.find((block) => HTTP_METHODS.includes(block.name))
  return (bruRecord(method).auth ?? bruRecord(blocks.find((block) => block.name === 'auth')).mode)?.trim()
}

function requestVariables(request: unknown): Variables {
  const vars = isObject(request) && isObject(request.vars) ? request.vars.req : undefined
  return variablesOf(vars)
}

function variablesOf(list: unknown): Variables {
  const variables: Variables = {}
  for (const variable of objects(list)) {
    const name = text(variable.name)
    const value = text(variable.value)
    if (name && value && variable.enabled !== false) variables[name] = value
  }
  return variables
}

/** `vars:pre-request` entries; a leading `@` marks a request-local variable, the same for us. */
function localVariables(pairs: Array<{ key: string; value: string; enabled: boolean }>): Variables {
  const variables: Variables = {}
  for (const pair of pairs) if (pair.enabled && pair.value) variables[pair.key.replace(/^@/, '')] = pair.value
  return variables
}

const camelCase = (key: string) => key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())
const keys = (params: AdditionalParam[]) => params.map((param) => `"${param.name}"`).join(', ')
