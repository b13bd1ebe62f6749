import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { ERR_SECRET_NEEDED, ERR_WORKSPACE_INVALID } from '../shared/errorCodes'
import { fieldLabel, listOf } from '../shared/fieldLabels'
import type { Integration } from '../shared/integration'
import { TokenDeskError } from '../main/errors'
import { applyEnvironment, type ActiveEnvironment, type Variable } from '../main/integration/variables'
import { withSecrets } from '../main/vault/secretPaths'
import { MANIFEST_FILE, WorkspaceFolder, type IntegrationEntry } from '../main/workspace/workspaceFolder'
import { loadIntegrationFile } from './loadIntegration'

export interface IntegrationToUse {
  integration: Integration
  /** The file it came from: what kept tokens are keyed on. */
  file: string
  environment?: string
}

type ProcessEnv = Readonly<Record<string, string | undefined>>

/**
 * What `--integration`, `--workspace` and `--env` name. With a workspace (given, or found above a
 * workspace file), `--integration` is a file in it, an integration's name or its id; `--env` picks
 * one of its environments. The command line has no access to the app's vault: secrets come from
 * environment variables, `TOKENDESK_SECRET_<FIELD>` for the integration's and `TOKENDESK_VAR_<NAME>`
 * for an environment's secret variables.
 */
export async function loadIntegration(
  args: { integration: string; workspace?: string; env?: string },
  processEnv: ProcessEnv,
): Promise<IntegrationToUse> {
  const root = args.workspace ? resolve(args.workspace) : workspaceAbove(args.integration)
  if (!root) {
    if (args.env !== undefined)
      throw new TokenDeskError(
        ERR_WORKSPACE_INVALID,
        `--env ${args.env} reads the environments of a workspace: pass --workspace DIR (the folder with ${MANIFEST_FILE}).`,
        { field: 'env' },
      )
    return { integration: await loadIntegrationFile(args.integration), file: args.integration }
  }
  const workspace = WorkspaceFolder.read(root)
  const entry = findIntegration(workspace, args.integration)
  const environment = args.env === undefined ? undefined : environmentOf(workspace, args.env, processEnv)
  let integration: Integration
  try {
    integration = applyEnvironment(withNeededSecrets(entry, processEnv), environment)
  } catch (error) {
    const variable = error instanceof TokenDeskError ? error.details?.variable : undefined
    if (
      !(error instanceof TokenDeskError) ||
      error.code !== ERR_SECRET_NEEDED ||
      typeof variable !== 'string'
    )
      throw error
    throw new TokenDeskError(
      ERR_SECRET_NEEDED,
      `${error.message.replace(/ Set your value under Environments\.$/, '')} Set ${environmentVariableName(variable)}.`,
      { field: error.field, details: error.details },
    )
  }
  return { integration, file: join(root, entry.file), environment: environment?.name }
}

/** The workspace a workspace integration file (one with an "id") sits in, if any. */
function workspaceAbove(file: string): string | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined // loadIntegrationFile says what is wrong with the path
  }
  let isWorkspaceFile = false
  try {
    const value = JSON.parse(text) as { id?: unknown }
    isWorkspaceFile = typeof value === 'object' && value !== null && typeof value.id === 'string'
  } catch {
    return undefined
  }
  if (!isWorkspaceFile) return undefined
  let folder = dirname(resolve(file))
  for (let depth = 0; depth < 20; depth++) {
    if (existsSync(join(folder, MANIFEST_FILE))) return folder
    const parent = dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
  return undefined
}

function findIntegration(workspace: WorkspaceFolder, wanted: string): IntegrationEntry {
  const all = workspace.integrations()
  const asPath = relative(workspace.root, resolve(wanted)).split(sep).join('/')
  const byFile = all.find((each) => each.file === asPath || each.file === wanted)
  if (byFile) return byFile
  const byId = all.find((each) => each.id === wanted)
  if (byId) return byId
  const byName = all.filter((each) => (each.integration.name ?? '').toLowerCase() === wanted.toLowerCase())
  if (byName.length === 1) return byName[0]!
  const problem = workspace.problems().find((each) => each.path === asPath)
  throw new TokenDeskError(
    ERR_WORKSPACE_INVALID,
    problem
      ? `${problem.path}: ${problem.message}.`
      : byName.length > 1
        ? `Several integrations of ${workspace.root} are named "${wanted}": pass the file instead (${byName.map((each) => each.file).join(', ')}).`
        : `${workspace.root} has no integration "${wanted}". Pass its file, name or id${
            all.length
              ? `, e.g. ${all
                  .slice(0, 3)
                  .map((each) => `"${each.integration.name ?? each.file}"`)
                  .join(', ')}`
              : ''
          }.`,
    { field: 'integration' },
  )
}

/** `TOKENDESK_SECRET_CLIENTSECRET`, `TOKENDESK_SECRET_API_HEADERS_X_API_KEY`: where a needed secret comes from. */
export function secretVariableName(path: string): string {
  return `TOKENDESK_SECRET_${path.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`
}

/** `TOKENDESK_VAR_CLIENT_SECRET`: where an environment's secret variable comes from. */
export function environmentVariableName(name: string): string {
  return `TOKENDESK_VAR_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`
}

function withNeededSecrets(entry: IntegrationEntry, processEnv: ProcessEnv): Integration {
  const missing = entry.secretsNeeded.filter((path) => processEnv[secretVariableName(path)] === undefined)
  if (missing.length)
    throw new TokenDeskError(
      ERR_SECRET_NEEDED,
      `${entry.integration.name ?? entry.file} needs your ${listOf(missing.map((path) => fieldLabel(path)))}: the workspace files hold no secrets. Set ${listOf(missing.map(secretVariableName))}.`,
      { field: 'integration', details: { needs: missing } },
    )
  return withSecrets(
    entry.integration,
    entry.secretsNeeded.map((path): [string, string] => [path, processEnv[secretVariableName(path)]!]),
  )
}

function environmentOf(workspace: WorkspaceFolder, name: string, processEnv: ProcessEnv): ActiveEnvironment {
  const entry = workspace.environment(name)
  if (!entry) {
    const names = workspace.environments().map((each) => each.name)
    throw new TokenDeskError(
      ERR_WORKSPACE_INVALID,
      `${workspace.root} has no environment "${name}". ${names.length ? `Its environments: ${names.join(', ')}.` : 'It has no environments yet.'}`,
      { field: 'env' },
    )
  }
  const variables = new Map<string, Variable>()
  for (const variable of entry.variables)
    variables.set(
      variable.name,
      variable.secret
        ? { secret: true, value: processEnv[environmentVariableName(variable.name)] }
        : { secret: false, value: variable.value },
    )
  return { name: entry.name, variables }
}
