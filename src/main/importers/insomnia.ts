import {
  definedNames,
  firstOf,
  flattenVariables,
  lookupIn,
  variableList,
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
 * Insomnia exports. v4 (`_type: "export"`, `__export_format: 4`) is a flat `resources` list linked by
 * `parentId`: workspace → request groups → requests, environments under the workspace (base) and
 * under the base (sub-environments). v5 (`type: "collection.insomnia.rest/5.0"`, YAML as Insomnia
 * writes it, or JSON) nests the same things under `collection[].children` and
 * `environments.subEnvironments`. Both are also written as YAML; index.ts parses that.
 * The base environment and the sub-environments become environments; `{{ _.name }}` becomes `{{name}}`.
 * OAuth 2.0 settings are a request's or folder's `authentication` of type "oauth2".
 */
const SYNTAX: TemplateSyntax = {
  tool: 'Insomnia',
  // Greedy and trimmed by the reader: a lazy `\s*(…+?)\s*` retries every space, quadratic on `{{a   …`.
  reference: /\{\{([^{}%]+)\}\}/,
  unsupported: { open: '{%', close: '%}' },
}

interface InsomniaNode {
  name: string
  kind: 'request' | 'folder'
  authentication: unknown
  /** A folder's own environment, which overrides the workspace's: filled in where it is used. */
  environment: Variables
  /** Insomnia kept a fetched token for this request (an `oAuth2Token` resource). */
  savedToken: boolean
  children: InsomniaNode[]
}

interface InsomniaWorkspace {
  name: string
  environments: ImportedEnvironment[]
  nodes: InsomniaNode[]
  /** Folders nested past MAX_NESTING were left out. */
  truncated?: boolean
}

export function isInsomniaExport(value: unknown): value is JsonObject {
  return (
    isObject(value) &&
    value._type === 'export' &&
    (value.__export_format === 4 || value.__export_format === 3) &&
    Array.isArray(value.resources)
  )
}

/** Insomnia 5 files: a collection, a design document (which holds a collection too) or environments alone. */
const V5_TYPE = /^(?:collection|spec|environment)\.insomnia\.rest\/5\./

export function isInsomniaV5(value: unknown): value is JsonObject {
  return isObject(value) && V5_TYPE.test(text(value.type) ?? '')
}

export function readInsomniaExport(file: JsonObject): {
  drafts: ImportDraft[]
  environments: ImportedEnvironment[]
} {
  const workspaces = Array.isArray(file.resources)
    ? workspacesFromV4(objects(file.resources))
    : [workspaceFromV5(file)]
  const drafts: ImportDraft[] = []
  const several = workspaces.filter((workspace) => workspace.environments.length).length > 1
  const environments: ImportedEnvironment[] = []
  for (const workspace of workspaces) {
    const defined = definedNames(workspace.environments)
    const workspaceVariable = (reference: string) => defined(variableName(reference))
    walk(workspace.nodes, [workspace.name], [], workspaceVariable, drafts)
    for (const environment of workspace.environments) {
      const name = several ? `${workspace.name} / ${environment.name}` : environment.name
      environments.push({ ...environment, name })
    }
  }
  if (workspaces.some((workspace) => workspace.truncated)) drafts.push(tooDeep('Insomnia'))
  return { drafts, environments }
}

function walk(
  nodes: InsomniaNode[],
  path: string[],
  scopes: Lookup[],
  workspaceVariable: (reference: string) => string | undefined,
  drafts: ImportDraft[],
): void {
  for (const node of nodes) {
    const nodePath = [...path, node.name]
    const nodeScopes = [lookupIn(node.environment), ...scopes]
    const auth = node.authentication
    if (isObject(auth) && auth.type === 'oauth2') {
      const label = `Insomnia ${node.kind} "${nodePath.join(' / ')}"`
      const lookup = firstOf(...nodeScopes)
      const source = { lookup: (name: string) => lookup(variableName(name)), workspaceVariable }
      drafts.push(
        toIntegration(settingsFrom(auth, label, nodePath, node.savedToken), (warn) =>
          templateReader(SYNTAX, source, warn),
        ),
      )
    }
    walk(node.children, nodePath, nodeScopes, workspaceVariable, drafts)
  }
}

/** `_.client_id`, `_['client-id']` and the legacy bare `client_id` all name the same variable. */
function variableName(reference: string): string {
  const name = reference.trim()
  if (name.startsWith('_.')) return withDottedBrackets(name.slice(2))
  const first = name.startsWith('_[') ? quotedBracket(name, 1) : undefined
  return first ? first.key + withDottedBrackets(name.slice(first.end)) : withDottedBrackets(name)
}

/** `a['b']["c"]` → `a.b.c`, scanning once (a regex with `(.*?)\1` rescans to the end from every `[`). */
function withDottedBrackets(name: string): string {
  let out = ''
  let index = 0
  while (index < name.length) {
    const bracket = name[index] === '[' ? quotedBracket(name, index) : undefined
    if (bracket) {
      out += `.${bracket.key}`
      index = bracket.end
    } else out += name[index++]
  }
  return out
}

/** `['key']` or `[ "key" ]` starting at `at`: the key and the index after `]`. */
function quotedBracket(text: string, at: number): { key: string; end: number } | undefined {
  let index = at + 1
  while (text[index] === ' ' || text[index] === '\t') index++
  const quote = text[index]
  if (quote !== "'" && quote !== '"') return undefined
  const close = text.indexOf(quote, index + 1)
  if (close < 0) return undefined
  const key = text.slice(index + 1, close)
  if (key.includes('\n')) return undefined
  let end = close + 1
  while (text[end] === ' ' || text[end] === '\t') end++
  return text[end] === ']' ? { key, end: end + 1 } : undefined
}

function settingsFrom(
  auth: JsonObject,
  label: string,
  path: string[],
  savedToken: boolean,
): ToolOAuthSettings {
  const get = (key: string) => text(auth[key])
  const grant = get('grantType') || 'authorization_code'
  const audience = get('audience')?.trim() ? [['audience', get('audience')!] as [string, string]] : []
  const resource = get('resource')?.trim() ? [['resource', get('resource')!] as [string, string]] : []
  const origin = get('origin')?.trim()
  return {
    label,
    name: path[path.length - 1]!,
    folder: path.slice(0, -1),
    savedToken,
    grant,
    tokenUrl: get('accessTokenUrl'),
    authorizeUrl: get('authorizationUrl'),
    clientId: get('clientId'),
    clientSecret: get('clientSecret'),
    scope: get('scope'),
    username: get('username'),
    password: get('password'),
    redirectUri: get('redirectUrl'),
    refreshToken: get('refreshToken'),
    pkce: flag(auth.usePkce),
    pkceMethod: get('pkceMethod'),
    clientAuth: flag(auth.credentialsInBody) ? 'body' : 'basic',
    tokenPlacement: 'header',
    headerPrefix: get('tokenPrefix'),
    // As Insomnia sends them: audience on every grant, resource not on password; both on the authorize URL too.
    tokenParams: grant === 'password' ? audience : [...audience, ...resource],
    authorizeParams: grant === 'authorization_code' ? [...audience, ...resource] : [],
    tokenHeaders: origin ? [['Origin', origin]] : [],
    notes: flag(auth.disabled)
      ? ['this authentication is disabled in Insomnia; it was imported anyway.']
      : [],
  }
}

function workspacesFromV4(resources: JsonObject[]): InsomniaWorkspace[] {
  // One index by parent, built once. `undefined` holds the orphans: resources whose parent is not
  // in the file (an export without its workspace, or a group pointing at a deleted one).
  const ids = new Set(resources.map((resource) => text(resource._id)))
  const byParent = new Map<string | undefined, JsonObject[]>()
  for (const resource of resources) {
    const parentId = text(resource.parentId)
    const key = parentId !== undefined && ids.has(parentId) ? parentId : undefined
    const siblings = byParent.get(key)
    if (siblings) siblings.push(resource)
    else byParent.set(key, [resource])
  }
  const childrenOf = (parentId: string | undefined) => byParent.get(parentId) ?? []
  const hasSavedToken = (id: string | undefined) =>
    id !== undefined &&
    childrenOf(id).some((resource) => resource._type === 'oauth2_token' && text(resource.accessToken)?.trim())
  let truncated = false
  // Each group is read once: a group that is its own ancestor (parentId cycles) is not read again.
  const read = new Set<JsonObject>()
  const nodesUnder = (parentId: string | undefined, depth: number): InsomniaNode[] => {
    if (depth > MAX_NESTING) {
      truncated = true
      return []
    }
    return childrenOf(parentId)
      .filter((resource) => resource._type === 'request' || resource._type === 'request_group')
      .filter((resource) => !read.has(resource) && read.add(resource))
      .map((resource) => {
        const id = text(resource._id)
        return {
          name: text(resource.name)?.trim() || 'Untitled',
          kind: resource._type === 'request' ? 'request' : 'folder',
          authentication: resource.authentication,
          environment: flattenVariables(resource.environment),
          savedToken: hasSavedToken(id),
          children: resource._type === 'request_group' && id !== undefined ? nodesUnder(id, depth + 1) : [],
        }
      })
  }
  const workspaceOf = (name: string, id: string | undefined): InsomniaWorkspace => {
    const base =
      id === undefined ? undefined : childrenOf(id).find((resource) => resource._type === 'environment')
    const baseId = base && text(base._id)
    const subEnvironments =
      baseId !== undefined ? childrenOf(baseId).filter((resource) => resource._type === 'environment') : []
    const nodes = nodesUnder(id, 0)
    return { name, environments: environmentsOf(base, subEnvironments), nodes, truncated }
  }
  const workspaces = resources
    .filter((resource) => resource._type === 'workspace')
    .map((resource) => workspaceOf(text(resource.name)?.trim() || 'Insomnia', text(resource._id)))
  // An export without its workspace: requests whose parent is not in the file.
  const orphans = workspaceOf('Insomnia', undefined)
  return orphans.nodes.length ? [...workspaces, orphans] : workspaces
}

function workspaceFromV5(file: JsonObject): InsomniaWorkspace {
  let truncated = false
  const nodesOf = (items: unknown, depth: number): InsomniaNode[] => {
    if (depth > MAX_NESTING) {
      truncated ||= Array.isArray(items) && items.length > 0
      return []
    }
    return objects(items).map((item) => ({
      name: text(item.name)?.trim() || 'Untitled',
      kind: Array.isArray(item.children) ? 'folder' : 'request',
      authentication: item.authentication,
      environment: flattenVariables(item.environment),
      savedToken: false,
      children: nodesOf(item.children, depth + 1),
    }))
  }
  const base = isObject(file.environments) ? file.environments : undefined
  return {
    name: text(file.name)?.trim() || 'Insomnia',
    environments: environmentsOf(base, objects(base?.subEnvironments)),
    nodes: nodesOf(file.collection, 0),
    truncated,
  }
}

/**
 * The base environment applies beneath every sub-environment: each sub-environment becomes an
 * environment carrying the base's values too; without sub-environments, the base is the one.
 */
function environmentsOf(base: JsonObject | undefined, subEnvironments: JsonObject[]): ImportedEnvironment[] {
  if (!base) return []
  const named = subEnvironments.map((environment) => ({
    name: text(environment.name)?.trim() || 'Environment',
    variables: variablesOf(environment),
  }))
  return withSharedVariables(named, variablesOf(base), text(base.name)?.trim() || 'Base Environment')
}

/**
 * An environment's variables: `data` (JSON, nested names dotted) or, in newer files, `kvPairData`
 * rows. A private environment (`isPrivate`, v5 `meta.isPrivate`) holds secrets; so does a secret row.
 */
function variablesOf(environment: JsonObject): ImportedVariable[] {
  const meta = isObject(environment.meta) ? environment.meta : {}
  const secret = flag(environment.isPrivate) || flag(meta.isPrivate)
  const rows = objects(environment.kvPairData).filter(
    (row) => row.enabled !== false && text(row.name)?.trim(),
  )
  if (rows.length) {
    return rows.map((row) => ({
      name: text(row.name)!.trim(),
      value: text(row.value) ?? '',
      secret: secret || row.type === 'secret',
    }))
  }
  return variableList(flattenVariables(environment.data, { keepEmpty: true }), secret)
}
