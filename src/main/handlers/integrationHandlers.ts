import { importIntegrations } from '../importers'
import { parseIntegration } from '../integration/parse'
import type { AppServices } from '../services'
import { decryptExport, isEncryptedExport, writeExport } from '../store/exportFile'
import type { Handlers } from './handlerType'
import { importedEntries, importEnvironments } from './importIntoWorkspace'

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

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'integration'
  )
}
