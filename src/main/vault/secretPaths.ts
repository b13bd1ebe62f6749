import { ERR_INTEGRATION_INVALID } from '../../shared/errorCodes'
import type { Integration } from '../../shared/integration'
import {
  isPlainRecord,
  parseSecretPath,
  readOwn,
  readOwnPath,
  secretPathsOf,
} from '../../shared/secretFields'
import { TokenDeskError } from '../errors'
import { isOnlyReference } from '../integration/variables'

/**
 * Secrets in and out of an integration, at the paths src/shared/secretFields.ts lists. Every read
 * and write touches own properties only, so a path like "constructor.name" reaches nothing.
 */

type Loose = Record<string, unknown>

/**
 * Every secret text value in the integration, by path. Environment references are not secrets, nor
 * is a value that is only a `{{variable}}`: it names where the secret comes from, and stays in the file.
 */
export function collectSecrets(integration: Integration): Map<string, string> {
  const found = new Map<string, string>()
  for (const path of secretPathsOf(integration)) {
    const value = readOwnPath(integration, path)
    if (typeof value === 'string' && value !== '' && !isOnlyReference(value)) found.set(path, value)
  }
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

/**
 * A copy whose secrets are read from environment variables instead (`{ "env": NAME }`), for a file
 * that must work without holding them.
 */
export function withSecretsFromEnvironment(
  integration: Integration,
  paths: Iterable<string>,
  variableFor: (path: string) => string,
): Integration {
  const copy = structuredClone(integration) as Loose
  for (const path of paths) writePath(copy, path, { env: variableFor(path) })
  return copy as Integration
}

/** A copy with secret values put back at their paths. */
export function withSecrets(integration: Integration, secrets: Iterable<[string, string]>): Integration {
  const copy = structuredClone(integration) as Loose
  for (const [path, value] of secrets) writePath(copy, path, value)
  return copy as Integration
}

/** The value at a path, own properties only. */
export function readPath(integration: Integration, path: string): unknown {
  return readOwnPath(integration, path)
}

/** The secret a vault entry holds at `path`: text only, never something inherited. */
export function secretAt(secrets: Readonly<Record<string, unknown>>, path: string): string | undefined {
  if (!parseSecretPath(path)) return undefined
  const value = readOwn(secrets, path)
  return typeof value === 'string' ? value : undefined
}

function writePath(target: Loose, path: string, value: string | { env: string } | undefined): void {
  const parsed = parseSecretPath(path)
  if (!parsed) {
    // Refused loudly: skipping it would leave a secret where it was meant to be removed.
    throw new TokenDeskError(
      ERR_INTEGRATION_INVALID,
      `"secretFields" lists "${path}", which is not a field of the integration. Remove it.`,
      { field: 'secretFields' },
    )
  }
  const parents =
    parsed.kind === 'entry' ? [parsed.section, parsed.mapName] : parsed.section ? [parsed.section] : []
  const name = parsed.kind === 'entry' ? parsed.name : parsed.field
  let container: Loose = target
  for (const parent of parents) {
    const existing = readOwn(container, parent)
    if (isPlainRecord(existing)) {
      container = existing
      continue
    }
    // A section that is not an object (proxy: "none") has no place for the secret: it does not apply.
    if (value === undefined || existing !== undefined) return
    container = defineOwn(container, parent, {}) as Loose
  }
  if (value === undefined) {
    if (Object.hasOwn(container, name)) delete container[name]
  } else {
    defineOwn(container, name, value)
  }
}

/** Sets an own, enumerable property, whatever the name: never a setter on the prototype. */
function defineOwn(target: Loose, name: string, value: unknown): unknown {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true })
  return value
}
