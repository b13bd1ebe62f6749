import { ERR_WORKSPACE_INVALID } from '../../shared/errorCodes'
import { isPlainRecord, isUnsafeName } from '../../shared/secretFields'
import { TokenDeskError } from '../errors'
import { canonicalJson } from './canonicalJson'

export const ENVIRONMENT_FORMAT = 'tokendesk.environment/1'

/** A variable as the workspace file keeps it: a secret one has no value (each person's is in their vault). */
export interface EnvironmentVariable {
  name: string
  value?: string
  secret: boolean
}

export interface WorkspaceEnvironment {
  name: string
  variables: EnvironmentVariable[]
}

/** `{{name}}`: letters, digits, "_", "-" and "." (Insomnia's nested `auth.id`), starting with a letter or "_". */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/
const ENVIRONMENT_NAME = /^[^/\\\u0000-\u001f]{1,60}$/
const MAX_VARIABLES = 500
const MAX_VALUE_LENGTH = 100_000

/** Checks a name the user typed or a file holds; the message says what a good one looks like. */
export function assertEnvironmentName(name: string): void {
  if (!ENVIRONMENT_NAME.test(name) || name.trim() !== name || isUnsafeName(name))
    throw new TokenDeskError(
      ERR_WORKSPACE_INVALID,
      `"${name.slice(0, 60)}" cannot name an environment: use up to 60 characters, without "/" or "\\", e.g. "staging".`,
      { field: 'name' },
    )
}

export function assertVariables(variables: EnvironmentVariable[], where: string): void {
  if (variables.length > MAX_VARIABLES)
    throw invalid(where, `more than ${MAX_VARIABLES} variables`, 'variables')
  const seen = new Set<string>()
  for (const variable of variables) {
    if (!VARIABLE_NAME.test(variable.name) || isUnsafeName(variable.name))
      throw invalid(
        where,
        `"${variable.name.slice(0, 100)}" cannot name a variable: start with a letter or "_", then letters, digits, "_", "-" or "."`,
        'variables',
      )
    if (seen.has(variable.name))
      throw invalid(where, `the variable "${variable.name}" is there twice`, 'variables')
    seen.add(variable.name)
    if ((variable.value?.length ?? 0) > MAX_VALUE_LENGTH)
      throw invalid(where, `the value of "${variable.name}" is too long`, 'variables')
  }
}

/** The file's text; a secret variable is written without its value, whatever it holds. */
export function writeEnvironmentFile(environment: WorkspaceEnvironment): string {
  return canonicalJson(
    {
      format: ENVIRONMENT_FORMAT,
      name: environment.name,
      variables: environment.variables.map(({ name, value, secret }) =>
        secret ? { name, secret: true } : { name, value: value ?? '' },
      ),
    },
    (path) => (path.length === 0 ? ['format', 'name', 'variables'] : ['name', 'value', 'secret']),
  )
}

export function readEnvironmentFile(text: string, path: string): WorkspaceEnvironment {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw invalid(path, `not valid JSON (${(error as Error).message})`)
  }
  if (!isPlainRecord(value) || value.format !== ENVIRONMENT_FORMAT)
    throw invalid(
      path,
      `not an environment ({"format": "${ENVIRONMENT_FORMAT}", "name": …, "variables": […]})`,
    )
  if (typeof value.name !== 'string') throw invalid(path, '"name" is missing')
  try {
    assertEnvironmentName(value.name)
  } catch (error) {
    throw invalid(path, (error as Error).message.replace(/\.$/, ''))
  }
  if (!Array.isArray(value.variables)) throw invalid(path, '"variables" should be a list')
  const variables = value.variables.map((each: unknown, index): EnvironmentVariable => {
    if (!isPlainRecord(each) || typeof each.name !== 'string')
      throw invalid(path, `variable ${index + 1} should be {"name": …, "value": …}`)
    const secret = each.secret === true
    if (!secret && each.value !== undefined && typeof each.value !== 'string')
      throw invalid(path, `the value of "${each.name}" should be text`)
    return secret
      ? { name: each.name, secret }
      : { name: each.name, value: (each.value as string) ?? '', secret }
  })
  assertVariables(variables, path)
  return { name: value.name, variables }
}

function invalid(path: string, why: string, field?: string): TokenDeskError {
  return new TokenDeskError(ERR_WORKSPACE_INVALID, `${path}: ${why}.`, { field, details: { path } })
}
