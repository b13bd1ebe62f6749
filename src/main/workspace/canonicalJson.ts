/**
 * JSON as a team diffs it: 2-space indent, a trailing newline, and keys in a fixed order (the order
 * `order` gives for an object's known keys, then the others as they came), so saving what was loaded
 * gives back the same bytes and a change shows as the lines it touched.
 */
export function canonicalJson(value: unknown, order: KeyOrder = () => undefined): string {
  return `${JSON.stringify(ordered(value, order, []), null, 2)}\n`
}

/** The known keys of the object at `path` (e.g. ["api"]), in the order they should be written. */
export type KeyOrder = (path: readonly string[]) => readonly string[] | undefined

function ordered(value: unknown, order: KeyOrder, path: string[]): unknown {
  if (Array.isArray(value)) return value.map((each) => ordered(each, order, path))
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  const known = order(path) ?? []
  const keys = [
    ...known.filter((key) => Object.hasOwn(record, key)),
    ...Object.keys(record).filter((key) => !known.includes(key)),
  ]
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    if (record[key] === undefined) continue
    Object.defineProperty(out, key, {
      value: ordered(record[key], order, [...path, key]),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}
