import { ERR_WORKSPACE_INVALID } from '../../shared/errorCodes'
import { INTEGRATION_FORMAT, integrationSchema, type Integration } from '../../shared/integration'
import { isMarkableSecretField, isPlainRecord } from '../../shared/secretFields'
import { TokenDeskError } from '../errors'
import { parseIntegration } from '../integration/parse'
import { canonicalJson, type KeyOrder } from './canonicalJson'

/**
 * One integration in a workspace: its file holds the `tokendesk.integration/1` fields without any
 * secret value, plus `id` (what the vault and the token cache key on, stable across renames and
 * moves) and `secretsNeeded` (the paths whose values each person keeps in their own vault).
 */
export interface WorkspaceIntegration {
  id: string
  integration: Integration
  secretsNeeded: string[]
}

const MAX_ID_LENGTH = 100
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

const TOP_LEVEL = ['format', 'id', ...Object.keys(integrationSchema.shape), 'secretsNeeded'] as const

/** Known keys in the schema's order, at the top level and in each section. */
const keyOrder: KeyOrder = (path) => {
  if (path.length === 0) return TOP_LEVEL
  if (path.length !== 1) return undefined
  if (path[0] === 'proxy') return ['url', 'username', 'password']
  return shapeKeys((integrationSchema.shape as Record<string, unknown>)[path[0]!])
}

function shapeKeys(schema: unknown): string[] | undefined {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown } | undefined
  while (current && !current.shape && typeof current.unwrap === 'function')
    current = current.unwrap() as typeof current
  return current?.shape ? Object.keys(current.shape) : undefined
}

/** The file's text: canonical JSON (stable key order, 2-space indent, trailing newline). */
export function writeIntegrationFile(entry: WorkspaceIntegration): string {
  const { format: _format, ...fields } = entry.integration
  return canonicalJson(
    {
      format: INTEGRATION_FORMAT,
      id: entry.id,
      ...fields,
      secretsNeeded: entry.secretsNeeded.length ? [...entry.secretsNeeded].sort() : undefined,
    },
    keyOrder,
  )
}

/** Reads a workspace integration file; every failure names the file and what to fix. */
export function readIntegrationFile(text: string, path: string): WorkspaceIntegration {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw invalid(path, `not valid JSON (${(error as Error).message})`)
  }
  if (!isPlainRecord(value)) throw invalid(path, 'not an integration (a JSON object)')
  const { id, secretsNeeded, ...fields } = value
  if (typeof id !== 'string' || id.length > MAX_ID_LENGTH || !ID.test(id))
    throw invalid(path, '"id" is missing or not an id (letters, digits, ".", "_" and "-")')
  const needed = secretsNeeded ?? []
  if (
    !Array.isArray(needed) ||
    needed.length > 200 ||
    !needed.every((each) => typeof each === 'string' && isMarkableSecretField(each))
  )
    throw invalid(path, '"secretsNeeded" should list paths of secret fields, e.g. ["clientSecret"]')
  let integration: Integration
  try {
    integration = parseIntegration(fields)
  } catch (error) {
    if (error instanceof TokenDeskError) throw invalid(path, error.message, error.field)
    throw error
  }
  return { id, integration, secretsNeeded: needed as string[] }
}

function invalid(path: string, why: string, field?: string): TokenDeskError {
  return new TokenDeskError(ERR_WORKSPACE_INVALID, `${path}: ${why}.`, { field, details: { path } })
}
