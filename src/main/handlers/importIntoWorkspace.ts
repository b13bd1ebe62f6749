import type { Integration } from '../../shared/integration'
import { parseIntegration } from '../integration/parse'
import type { AppServices } from '../services'

/**
 * What an import brings besides integrations, made part of the workspace: each integration's
 * sub-folder (a collection's folders) and the collection's environments. Both are optional in an
 * importer's result; without them the integrations land at the top and no environment is added.
 */
type ImportedEnvironment = {
  name: string
  variables: Array<{ name: string; value: string; secret: boolean }>
}

/**
 * Each imported integration with its workspace sub-folder, when the importer gave one: either on the
 * entry (`{ ...integration, folder }`) or as `{ integration, folder }`. Absent fields mean the top.
 */
export function importedEntries(result: {
  integrations: unknown[]
}): Array<{ integration: Integration; folder?: string[] }> {
  return result.integrations.map((entry) => {
    const record = entry as Record<string, unknown>
    const folder =
      Array.isArray(record.folder) && record.folder.every((part) => typeof part === 'string')
        ? (record.folder as string[])
        : undefined
    if (record.integration && typeof record.integration === 'object')
      return { integration: parseIntegration(record.integration), folder }
    const { folder: _folder, ...integration } = record
    return { integration: parseIntegration(integration), folder }
  })
}

/**
 * Imported environments become the workspace's: a new name is added whole; for a name the workspace
 * already has, only the variables it lacks are added (what the user set is never replaced). Secret
 * values go to this person's vault, never to the file.
 */
export function importEnvironments(environments: AppServices['environments'], result: object): string[] {
  const imported = (result as { environments?: ImportedEnvironment[] }).environments
  if (!Array.isArray(imported)) return []
  const warnings: string[] = []
  for (const environment of imported) {
    const existing = environments.state().environments.find((each) => each.name === environment.name)
    const kept = existing?.variables.map(({ name, value, secret }) => ({ name, value, secret })) ?? []
    const added = environment.variables.filter(
      (variable) => !kept.some((each) => each.name === variable.name),
    )
    const skipped = environment.variables.length - added.length
    if (skipped)
      warnings.push(
        `Environment "${environment.name}": kept your ${skipped} variable${skipped === 1 ? '' : 's'} of the same name${skipped === 1 ? '' : 's'}; the imported value${skipped === 1 ? ' was' : 's were'} not used.`,
      )
    if (existing && !added.length) continue
    try {
      environments.save({
        name: environment.name,
        variables: [...kept, ...added],
        revision: existing?.revision,
      })
    } catch (error) {
      warnings.push(`Environment "${environment.name}": not imported: ${(error as Error).message}`)
    }
  }
  return warnings
}
