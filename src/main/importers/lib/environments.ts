import { isObject, MAX_NESTING, text } from './json'
import { ownValue } from '../../../shared/own'

/** Variable name → value, as one environment or scope defines them. */
export type Variables = Record<string, string>

export type Lookup = (name: string) => string | undefined

/** One variable of an imported environment. */
export interface ImportedVariable {
  name: string
  value: string
  /** Postman `type: "secret"`, Bruno `vars:secret`, an Insomnia private environment or secret pair. */
  secret: boolean
}

/** A named set of variables (dev / staging / prod) found in the imported files. */
export interface ImportedEnvironment {
  name: string
  variables: ImportedVariable[]
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

export const lookupIn =
  (variables: Variables): Lookup =>
  (name) =>
    ownValue(variables, name)

/**
 * Nested environment data (Insomnia's `{"auth": {"id": "…"}}`) as dotted names (`auth.id`). Empty
 * values count as missing unless `keepEmpty`: an export leaves secrets empty, and an environment
 * lists them so that the user sees what to fill in.
 */
export function flattenVariables(data: unknown, options: { keepEmpty?: boolean } = {}): Variables {
  const flat: Variables = {}
  // An explicit stack: nested data is read without recursion, MAX_NESTING levels at most.
  const stack: Array<{ value: unknown; prefix: string; depth: number }> = [
    { value: data, prefix: '', depth: 0 },
  ]
  while (stack.length) {
    const { value, prefix, depth } = stack.pop()!
    if (!isObject(value) || depth > MAX_NESTING) continue
    for (const [key, entry] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key
      if (isObject(entry)) stack.push({ value: entry, prefix: name, depth: depth + 1 })
      const scalar = text(entry)
      if (scalar !== undefined && (scalar !== '' || options.keepEmpty)) flat[name] = scalar
    }
  }
  return flat
}

/**
 * The variables a tool applies beneath every environment (Postman collection variables, Insomnia's
 * base environment, Bruno collection vars), folded into each environment, whose own values win.
 * TokenDesk has one active environment at a time, so each one carries the shared values too. With
 * no environment in the files, the shared variables become one environment named `fallbackName`.
 */
export function withSharedVariables(
  environments: ImportedEnvironment[],
  shared: ImportedVariable[],
  fallbackName: string,
): ImportedEnvironment[] {
  if (!environments.length) return shared.length ? [{ name: fallbackName, variables: shared }] : []
  return environments.map((environment) => {
    const own = new Set(environment.variables.map((variable) => variable.name))
    return {
      name: environment.name,
      variables: [...shared.filter((variable) => !own.has(variable.name)), ...environment.variables],
    }
  })
}

/** Names every environment defines: a reference to one of them stays `{{name}}`. */
export function definedNames(environments: ImportedEnvironment[]): (name: string) => string | undefined {
  const names = new Set(environments.flatMap((environment) => environment.variables.map((each) => each.name)))
  return (name) => (names.has(name) ? name : undefined)
}

/** Variables as an environment's list, in the file's order; a name given twice keeps its last value. */
export function variableList(variables: Variables, secret: boolean): ImportedVariable[] {
  return Object.entries(variables).map(([name, value]) => ({ name, value, secret }))
}
