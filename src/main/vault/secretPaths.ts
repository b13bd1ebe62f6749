import type { Integration } from '../../shared/integration'
import { isSecretName } from '../../shared/secretNames'

/**
 * Where secrets sit in an integration, as "section.field" or "section.map.name" paths
 * (e.g. "clientSecret", "basicAuth.password", "tokenRequest.headers.x-api-key"). Map names may
 * contain dots; they are everything after the map's prefix.
 */
const TOP_LEVEL = ['clientSecret', 'password', 'refreshToken', 'code', 'clientAssertionKey'] as const
const NESTED = [
  ['basicAuth', 'password'],
  ['tls', 'key'],
  ['proxy', 'password'],
] as const
const MAPS = [
  ['tokenRequest', 'headers'],
  ['tokenRequest', 'params'],
  ['api', 'headers'],
] as const

type Loose = Record<string, unknown>

/** Every secret string value in the integration, by path. Environment references are not secrets. */
export function collectSecrets(integration: Integration): Map<string, string> {
  const found = new Map<string, string>()
  const marked = new Set(integration.secretFields ?? [])
  const add = (path: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') found.set(path, value)
  }
  for (const field of TOP_LEVEL) add(field, integration[field])
  for (const [section, field] of NESTED)
    add(`${section}.${field}`, (integration[section] as Loose | undefined)?.[field])
  for (const [section, map] of MAPS) {
    const entries = ((integration[section] as Loose | undefined)?.[map] ?? {}) as Loose
    for (const [name, value] of Object.entries(entries)) {
      const path = `${section}.${map}.${name}`
      if (isSecretName(name) || marked.has(path)) add(path, value)
    }
  }
  for (const path of marked) if (!found.has(path)) add(path, readPath(integration, path))
  return found
}

/** A copy with the given secret paths removed (or replaced by `replacement`). */
export function withoutSecrets(
  integration: Integration,
  paths: Iterable<string>,
  replacement?: (path: string) => string,
): Integration {
  const copy = structuredClone(integration) as Loose
  for (const path of paths) writePath(copy, path, replacement?.(path))
  return copy as Integration
}

/** A copy with secret values put back at their paths. */
export function withSecrets(integration: Integration, secrets: Iterable<[string, string]>): Integration {
  const copy = structuredClone(integration) as Loose
  for (const [path, value] of secrets) writePath(copy, path, value)
  return copy as Integration
}

export function readPath(integration: Integration, path: string): unknown {
  const [section, map, name] = splitPath(path)
  const top = (integration as Loose)[section]
  if (map === undefined) return top
  const inner = (top as Loose | undefined)?.[map]
  return name === undefined ? inner : (inner as Loose | undefined)?.[name]
}

function writePath(target: Loose, path: string, value: string | undefined): void {
  const [section, map, name] = splitPath(path)
  if (map === undefined) {
    if (value === undefined) delete target[section]
    else target[section] = value
    return
  }
  const sectionObject = (target[section] ??= {}) as Loose
  if (name === undefined) {
    if (value === undefined) delete sectionObject[map]
    else sectionObject[map] = value
    return
  }
  const mapObject = (sectionObject[map] ??= {}) as Loose
  if (value === undefined) delete mapObject[name]
  else mapObject[name] = value
}

function splitPath(path: string): [string, string?, string?] {
  for (const [section, map] of MAPS) {
    const prefix = `${section}.${map}.`
    if (path.startsWith(prefix)) return [section, map, path.slice(prefix.length)]
  }
  const dot = path.indexOf('.')
  return dot < 0 ? [path] : [path.slice(0, dot), path.slice(dot + 1)]
}
