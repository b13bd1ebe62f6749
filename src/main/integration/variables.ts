import { ERR_INTEGRATION_INVALID, ERR_SECRET_NEEDED, ERR_VARIABLE_UNKNOWN } from '../../shared/errorCodes'
import { fieldLabel } from '../../shared/fieldLabels'
import type { Integration } from '../../shared/integration'
import { isMarkableSecretField, isSecretPath, isPlainRecord, isUnsafeName } from '../../shared/secretFields'
import { TokenDeskError } from '../errors'
import { FIELD_TEMPLATE_NAMES } from './resolve'

/** A variable of the active environment: a secret one's value comes from this person's vault. */
export interface Variable {
  value?: string
  secret: boolean
}

/** The environment `{{name}}` references are read from, when the user has chosen one. */
export interface ActiveEnvironment {
  name: string
  variables: ReadonlyMap<string, Variable>
}

/** `{{name}}` with an optional space inside the braces; `{{env:NAME}}` and Postman's `{{$guid}}` are not ours. */
const REFERENCE = /\{\{ ?([A-Za-z_][A-Za-z0-9_.-]{0,99}) ?\}\}/g
/** Text that is only a reference: a place for a value, never a value itself (nor a secret). */
const ONLY_REFERENCE = /^\{\{ ?[A-Za-z_][A-Za-z0-9_.-]{0,99} ?\}\}$/

export function isOnlyReference(text: string): boolean {
  return ONLY_REFERENCE.test(text)
}

/**
 * Fills `{{name}}` in every string of the integration (URLs, client id, scopes, headers, parameters,
 * sign-in parameters…) from the active environment, in one pass (a value is never read again for
 * references). Names of the integration's own fields (`{{clientSecret}}`) that the environment does
 * not define are left for resolveIntegration. A secret variable makes the field it lands in secret,
 * so it is masked wherever the field is shown; a field that is always shown in clear refuses one.
 */
export function applyEnvironment(
  integration: Integration,
  environment: ActiveEnvironment | undefined,
): Integration {
  const marked = new Set(integration.secretFields ?? [])
  const fill = (text: string, path: string): string =>
    text.replace(REFERENCE, (whole, name: string) => {
      const variable = environment?.variables.get(name)
      if (!variable) {
        if (FIELD_TEMPLATE_NAMES.includes(name)) return whole
        throw unknownVariable(name, path, environment)
      }
      if (!variable.secret) return variable.value ?? ''
      if (variable.value === undefined)
        throw new TokenDeskError(
          ERR_SECRET_NEEDED,
          `${labelOf(path)} uses {{${name}}}, a secret of the environment "${environment!.name}" that you have not set yet. Set your value under Environments.`,
          { field: fieldOf(path), details: { variable: name, environment: environment!.name } },
        )
      if (!isSecretPath(integration, path)) {
        if (!isMarkableSecretField(path))
          throw new TokenDeskError(
            ERR_INTEGRATION_INVALID,
            `${labelOf(path)} uses {{${name}}}, which is secret in "${environment!.name}", but ${labelOf(path)} is always shown in clear. Use a variable that is not secret there.`,
            { field: fieldOf(path), details: { variable: name, environment: environment!.name } },
          )
        marked.add(path)
      }
      return variable.value
    })
  const visit = (value: unknown, path: string, inMap: boolean): unknown => {
    if (typeof value === 'string') return fill(value, path)
    if (Array.isArray(value)) return value.map((each) => visit(each, path, false))
    if (!isPlainRecord(value)) return value
    const copy: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (isUnsafeName(key)) continue
      const innerPath = path ? `${path}.${key}` : key
      const mapped = visit(inner, innerPath, isMap(innerPath) || inMap)
      Object.defineProperty(copy, key, {
        value: mapped,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return copy
  }
  const { format, secretFields: _marked, ...fields } = integration
  const filled = visit(fields, '', false) as Integration
  return {
    ...(format && { format }),
    ...filled,
    ...(marked.size && { secretFields: [...marked] }),
  }
}

const MAPS = ['tokenRequest.headers', 'tokenRequest.params', 'api.headers', 'signIn.authorizeParams']
function isMap(path: string): boolean {
  return MAPS.includes(path)
}

function unknownVariable(name: string, path: string, environment: ActiveEnvironment | undefined) {
  const message = environment
    ? `${labelOf(path)} uses {{${name}}}, which the environment "${environment.name}" does not define. Add it to "${environment.name}", or choose the environment that has it.`
    : `${labelOf(path)} uses {{${name}}}, but no environment is chosen. Choose one in the environment switcher, or add one that defines ${name}.`
  return new TokenDeskError(ERR_VARIABLE_UNKNOWN, message, {
    field: fieldOf(path),
    details: { variable: name, environment: environment?.name ?? null },
  })
}

/** "Token URL", header "x-api-key", parameter "audience": how the form shows the field. */
function labelOf(path: string): string {
  for (const [prefix, kind] of [
    ['tokenRequest.headers.', 'The token request header'],
    ['tokenRequest.params.', 'The token request parameter'],
    ['api.headers.', 'The API header'],
    ['signIn.authorizeParams.', 'The sign-in parameter'],
  ] as const) {
    if (path.startsWith(prefix)) return `${kind} "${path.slice(prefix.length)}"`
  }
  return `"${fieldLabel(path)}"`
}

/** The form field to point at: a whole map for its entries. */
function fieldOf(path: string): string {
  return MAPS.find((map) => path.startsWith(`${map}.`)) ?? path
}
