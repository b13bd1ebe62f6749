import { ERR_PASSPHRASE_REQUIRED } from '../../shared/errorCodes'
import { INTEGRATION_FORMAT, type Integration } from '../../shared/integration'
import { TokenDeskError } from '../errors'
import { parseIntegration } from '../integration/parse'
import { EXPORT_FORMAT, stripPlaceholders } from '../store/exportFile'
import { isObject } from './lib/json'

/**
 * TokenDesk's own files: one integration, a list of them, or `{ "integrations": [...] }` (what
 * TokenDesk exports). An export without secrets carries placeholders; they are dropped and reported.
 */
export function isTokenDeskFile(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((entry) => isObject(entry) && 'grant' in entry)
  if (!isObject(value)) return false
  return (
    typeof value.grant === 'string' ||
    value.format === INTEGRATION_FORMAT ||
    value.format === EXPORT_FORMAT ||
    Array.isArray(value.integrations)
  )
}

export function readTokenDeskFile(value: unknown): { integrations: Integration[]; warnings: string[] } {
  if (isObject(value) && value.encrypted !== undefined) {
    throw new TokenDeskError(
      ERR_PASSPHRASE_REQUIRED,
      'This TokenDesk export holds encrypted secrets. Type the passphrase chosen when it was exported.',
      { field: 'passphrase' },
    )
  }
  const entries: unknown[] = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.integrations)
      ? value.integrations
      : [value]
  const warnings: string[] = []
  const integrations = entries.map((entry, index) => {
    const { file, needed } = withoutWorkspaceKeys(entry)
    const stripped = isObject(file)
      ? stripPlaceholders(file as Integration)
      : { integration: file, missing: [] as string[] }
    const { integration } = stripped
    const missing = [...new Set([...stripped.missing, ...needed])]
    const parsed = parseOne(integration, index)
    if (missing.length) {
      warnings.push(
        `Integration "${parsed.name ?? index + 1}": fill in ${missing.map((path) => `"${path}"`).join(', ')} (secrets are not in the export).`,
      )
    }
    return parsed
  })
  return { integrations, warnings }
}

/**
 * A workspace file (docs/integration.md, "Workspaces") picked as a single file: its `id` belongs to
 * that workspace, and `secretsNeeded` says what the importer must fill in.
 */
function withoutWorkspaceKeys(entry: unknown): { file: unknown; needed: string[] } {
  if (!isObject(entry) || (!('id' in entry) && !('secretsNeeded' in entry)))
    return { file: entry, needed: [] }
  const { id: _id, secretsNeeded, ...file } = entry
  const needed = Array.isArray(secretsNeeded)
    ? secretsNeeded.filter((path): path is string => typeof path === 'string').slice(0, 100)
    : []
  return { file, needed }
}

/** `parseIntegration`, saying which entry of a list is wrong. */
function parseOne(integration: unknown, index: number): Integration {
  try {
    return parseIntegration(integration)
  } catch (error) {
    if (!(error instanceof TokenDeskError)) throw error
    const name =
      isObject(integration) && typeof integration.name === 'string' ? ` ("${integration.name}")` : ''
    throw new TokenDeskError(error.code, `Integration ${index + 1}${name}: ${error.message}`, {
      field: error.field,
      details: { ...error.details, index },
      cause: error,
    })
  }
}
