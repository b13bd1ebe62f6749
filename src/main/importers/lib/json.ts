/**
 * How deep folders (and nested environment data) are read. Real collections nest a handful of
 * levels; a file nesting 20,000 would otherwise overflow the stack.
 */
export const MAX_NESTING = 64

/** Said once per import when a file nests deeper than MAX_NESTING. */
export function tooDeep(tool: string): { label: string; skipped: string } {
  return {
    label: `${tool} folders`,
    skipped: `Folders nested more than ${MAX_NESTING} levels deep were not read; move their requests higher up to import them.`,
  }
}

/** A JSON object: what `JSON.parse` gives for `{…}`. */
export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The objects in a list; anything else (a missing key, a stray string) counts as an empty list. */
export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}

/** A scalar as text: tools write `"true"`, `true` and `1` for the same thing. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** `true`, `"true"` and `1` are true; everything else is not. */
export function flag(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && value.trim().toLowerCase() === 'true')
}
