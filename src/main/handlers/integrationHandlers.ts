import type { Integration } from '../../shared/integration'
import { importIntegrations } from '../importers'
import { parseIntegration } from '../integration/parse'
import type { AppServices } from '../services'
import { decryptExport, isEncryptedExport, writeExport } from '../store/exportFile'
import type { Handlers } from './handlerType'

type IntegrationHandlers = Pick<
  Handlers,
  | 'integrations.list'
  | 'integrations.get'
  | 'integrations.save'
  | 'integrations.delete'
  | 'integrations.undoDelete'
  | 'integrations.duplicate'
  | 'integrations.revealSecret'
  | 'integrations.export'
  | 'integrations.import'
>

export function integrationHandlers({
  repository,
  environments,
  dialogs,
  now,
}: AppServices): IntegrationHandlers {
  return {
    'integrations.list': () => repository.list(),
    'integrations.get': ({ id }) => repository.getForEditing(id),
    'integrations.save': ({ id, integration, keepSecrets, tokenStorage, folder, revision, overwrite }) =>
      repository.save({
        id,
        integration: parseIntegration(integration),
        keepSecrets,
        tokenStorage,
        folder,
        revision,
        overwrite,
      }),
    'integrations.delete': ({ id }) => {
      repository.delete(id)
      return null
    },
    'integrations.undoDelete': ({ id }) => repository.undoDelete(id),
    'integrations.duplicate': ({ id }) => repository.duplicate(id),
    'integrations.revealSecret': ({ id, path }) => ({ value: repository.revealSecret(id, path) ?? null }),
    'integrations.export': async ({ ids, includeSecrets, passphrase }) => {
      const integrations = ids.map((id) => repository.getWithSecrets(id))
      const content = writeExport(integrations, { includeSecrets, passphrase, now: new Date(now()) })
      const name =
        integrations.length === 1 ? slug(integrations[0]!.name ?? 'integration') : 'tokendesk-integrations'
      const path = await dialogs.saveFile(`${name}.tokendesk.json`, content)
      return path ? { saved: true, path } : { saved: false }
    },
    'integrations.import': async ({ file, passphrase }) => {
      const picked = file ?? (await dialogs.openFile())
      if (!picked) return { cancelled: true, imported: [], warnings: [] }
      const text = isEncryptedExport(picked.text) ? decryptExport(picked.text, passphrase) : picked.text
      const result = importIntegrations({ fileName: picked.name, text })
      const warnings = [...result.warnings, ...importEnvironments(environments, result)]
      const imported = importedEntries(result).map(({ integration, folder }) =>
        repository.summary(repository.save({ integration, folder }).id),
      )
      return { cancelled: false, format: result.format, imported, warnings }
    },
  }
}

type ImportedEnvironment = {
  name: string
  variables: Array<{ name: string; value: string; secret: boolean }>
}

/**
 * Each imported integration with its workspace sub-folder, when the importer gave one: either on the
 * entry (`{ ...integration, folder }`) or as `{ integration, folder }`. Absent fields mean the top.
 */
function importedEntries(result: {
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
function importEnvironments(environments: AppServices['environments'], result: object): string[] {
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

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'integration'
  )
}
