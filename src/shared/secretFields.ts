import { isSecretName } from './secretNames'

/**
 * Where an integration holds secrets: the one list that the vault (what is encrypted), the resolver
 * (what is masked by value), the masker, export, curl and the preview all read. A path is
 * "field", "section.field" or "section.map.name" (e.g. "clientSecret", "basicAuth.password",
 * "tokenRequest.params.partner_code"); map names may contain dots, they are everything after the
 * map's prefix.
 */

/** Fields that always hold a secret. */
export const SECRET_FIELDS = [
  'clientSecret',
  'password',
  'refreshToken',
  'code',
  'clientAssertionKey',
  'basicAuth.password',
  'tls.key',
  'proxy.password',
  'tokenExchange.subjectToken',
  'tokenExchange.actorToken',
  'jwtBearer.assertion',
  'jwtBearer.privateKey',
  'dpop.privateKey',
] as const

/** Maps of names to values; an entry holds a secret when its name says so (isSecretName) or the user marked it. */
export const VALUE_MAPS = ['tokenRequest.headers', 'tokenRequest.params', 'api.headers'] as const
export type ValueMap = (typeof VALUE_MAPS)[number]

/** Other text fields the user may mark secret in `secretFields`. */
export const MARKABLE_FIELDS = [
  'clientId',
  'username',
  'redirectUri',
  'tokenUrl',
  'authorizeUrl',
  'deviceAuthorizationUrl',
  'introspectionUrl',
  'userinfoUrl',
  'jwksUrl',
  'issuer',
  'basicAuth.username',
  'tls.ca',
  'tls.cert',
  'api.baseUrl',
  'proxy.url',
  'proxy.username',
  'jwtBearer.issuer',
  'jwtBearer.subject',
] as const

/**
 * Names that would reach an object's prototype instead of its own data: refused in every path and
 * map name, so a shared file cannot change main-process globals.
 */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype'])

export function isUnsafeName(name: string): boolean {
  return UNSAFE_NAMES.has(name)
}

/** A path taken apart: a field of the integration or of one of its sections, or an entry of a map. */
export type SecretPath =
  | { kind: 'field'; section?: string; field: string }
  | { kind: 'entry'; map: ValueMap; section: string; mapName: string; name: string }

/** The path's parts, or undefined when it is not a path into an integration (or names a prototype). */
export function parseSecretPath(path: string): SecretPath | undefined {
  for (const map of VALUE_MAPS) {
    if (!path.startsWith(`${map}.`)) continue
    const name = path.slice(map.length + 1)
    const [section, mapName] = map.split('.') as [string, string]
    return name === '' || isUnsafeName(name) ? undefined : { kind: 'entry', map, section, mapName, name }
  }
  const parts = path.split('.')
  if (parts.length > 2 || parts.some((part) => part === '' || isUnsafeName(part))) return undefined
  return parts.length === 1
    ? { kind: 'field', field: parts[0]! }
    : { kind: 'field', section: parts[0]!, field: parts[1]! }
}

/** True for a path `secretFields` may list: a map entry, or a text field that could hold a secret. */
export function isMarkableSecretField(path: string): boolean {
  const parsed = parseSecretPath(path)
  if (!parsed) return false
  return (
    parsed.kind === 'entry' ||
    (SECRET_FIELDS as readonly string[]).includes(path) ||
    (MARKABLE_FIELDS as readonly string[]).includes(path)
  )
}

/** What secretFields expects, for the message when an entry is not one. */
export const MARKABLE_SECRET_FIELD_HINT =
  'Mark a header or parameter ("tokenRequest.params.NAME", "tokenRequest.headers.NAME", "api.headers.NAME") or a text field such as "clientId".'

/** The part of an integration these functions read: plain data, as parsed from JSON. */
export type SecretHolder = object & { secretFields?: readonly string[] }

/** True when the value at `path` is a secret in this integration. */
export function isSecretPath(integration: SecretHolder, path: string): boolean {
  const parsed = parseSecretPath(path)
  if (!parsed) return false
  if (parsed.kind === 'entry' && isSecretName(parsed.name)) return true
  return (SECRET_FIELDS as readonly string[]).includes(path) || isMarked(integration, path)
}

function isMarked(integration: SecretHolder, path: string): boolean {
  const marked = readOwn(integration, 'secretFields')
  return Array.isArray(marked) && marked.includes(path)
}

/** Every path that holds a value (text or environment reference) that is a secret, in a stable order. */
export function secretPathsOf(integration: SecretHolder): string[] {
  const paths = new Set<string>()
  const consider = (path: string) => {
    if (readOwnPath(integration, path) !== undefined && isSecretPath(integration, path)) paths.add(path)
  }
  SECRET_FIELDS.forEach(consider)
  for (const map of VALUE_MAPS) {
    const entries = readOwnPath(integration, map)
    if (!isPlainRecord(entries)) continue
    for (const name of Object.keys(entries)) if (!isUnsafeName(name)) consider(`${map}.${name}`)
  }
  const marked = readOwn(integration, 'secretFields')
  if (Array.isArray(marked)) for (const path of marked) if (typeof path === 'string') consider(path)
  return [...paths]
}

/** The names of map entries the user marked secret (e.g. "partner_code"): masked by name wherever they are sent. */
export function markedEntryNames(integration: SecretHolder): string[] {
  const marked = readOwn(integration, 'secretFields')
  if (!Array.isArray(marked)) return []
  return marked.flatMap((path) => {
    const parsed = typeof path === 'string' ? parseSecretPath(path) : undefined
    return parsed?.kind === 'entry' ? [parsed.name] : []
  })
}

/** The value at `path`, reading own properties only; undefined for a path that is not one. */
export function readOwnPath(integration: object, path: string): unknown {
  const parsed = parseSecretPath(path)
  if (!parsed) return undefined
  if (parsed.kind === 'entry') {
    return readOwn(readOwn(readOwn(integration, parsed.section), parsed.mapName), parsed.name)
  }
  return parsed.section === undefined
    ? readOwn(integration, parsed.field)
    : readOwn(readOwn(integration, parsed.section), parsed.field)
}

export function readOwn(target: unknown, name: string): unknown {
  if (!isPlainRecord(target) || isUnsafeName(name) || !Object.hasOwn(target, name)) return undefined
  return (target as Record<string, unknown>)[name]
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
