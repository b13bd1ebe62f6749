import { isObject, MAX_NESTING, text } from './json'
import { ownValue } from '../../../shared/own'

/** Variable name → value, as one environment or scope defines them. */
export type Variables = Record<string, string>

export type Lookup = (name: string) => string | undefined

/**
 * Looks a variable up in a base environment and its sub-environments. A file does not say which
 * sub-environment is active, so a value counts only when every one of them gives the same value
 * (their own, or the base's). Without sub-environments, the base decides.
 */
export function agreedLookup(base: Variables, overlays: Variables[]): Lookup {
  return (name) => {
    if (!overlays.length) return ownValue(base, name)
    const values = new Set(overlays.map((overlay) => ownValue(overlay, name) ?? ownValue(base, name)))
    return values.size === 1 ? [...values][0] : undefined
  }
}

/** The first scope that has the variable wins: pass the innermost first. */
export function firstOf(...lookups: Lookup[]): Lookup {
  return (name) => {
    for (const lookup of lookups) {
      const value = lookup(name)
      if (value !== undefined) return value
    }
    return undefined
  }
}

/**
 * Nested environment data (Insomnia's `{"auth": {"id": "…"}}`) as dotted names (`auth.id`). Empty
 * values count as missing: an export leaves secrets empty, and an empty secret is no secret.
 */
export function flattenVariables(data: unknown, prefix = '', depth = 0): Variables {
  const flat: Variables = {}
  if (!isObject(data) || depth > MAX_NESTING) return flat
  for (const [key, value] of Object.entries(data)) {
    const name = prefix ? `${prefix}.${key}` : key
    if (isObject(value)) Object.assign(flat, flattenVariables(value, name, depth + 1))
    const scalar = text(value)
    if (scalar !== undefined && scalar !== '') flat[name] = scalar
  }
  return flat
}
