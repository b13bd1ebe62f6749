/**
 * `record[key]` for a key from outside (a vendor's error code, a JWT's alg, a name in an imported
 * file), reading own properties only: `"constructor"` or `"__proto__"` must not find Object's.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}
