import { basename, dirname } from 'node:path'
import type { ImportOutcome } from '../../shared/ipc/contract'
import { MASKED } from '../../shared/secretNames'
import { readCollectionFolder } from '../files/collectionFolder'
import type { PickedFile } from '../files/fileDialogs'
import { importBrunoFolder, importFiles, type ImportResult } from '../importers'
import type { AppServices } from '../services'
import { decryptExport, isEncryptedExport, writeExport } from '../store/exportFile'
import type { Handlers } from './handlerType'
import { saveIntegration } from './saveIntegration'
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
  | 'integrations.importFolder'
>

export function integrationHandlers(services: AppServices): IntegrationHandlers {
  const { repository, environments, dialogs, now, sandbox } = services
  return {
    'integrations.list': () => repository.list(),
    // A sandbox twin shows the running sandbox's URLs, not the ports it had when it was saved.
    'integrations.get': async ({ id }) => {
      const editable = repository.getForEditing(id)
      return { ...editable, integration: await sandbox.follow(editable.integration) }
    },
    'integrations.save': (request) => saveIntegration(services, request),
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
    'integrations.import': async ({ file, files, passphrase }) => {
      const picked: PickedFile[] | null = files ?? (file ? [file] : await dialogs.openFiles())
      if (!picked?.length) return { cancelled: true, imported: [], environments: [], warnings: [] }
      // Picked in main, a collection's bruno.json leads to its folder: the whole collection is read.
      const config = picked.find((each) => each.path && basename(each.path) === 'bruno.json')
      if (config?.path) return saveImport(await importFolderAt(dirname(config.path)))
      const texts = picked.map((each) => ({
        fileName: each.name,
        text: isEncryptedExport(each.text) ? decryptExport(each.text, passphrase) : each.text,
      }))
      return saveImport(importFiles(texts))
    },
    'integrations.importFolder': async () => {
      const folder = await dialogs.openFolder('Import a Bruno collection folder')
      if (!folder) return { cancelled: true, imported: [], environments: [], warnings: [] }
      return saveImport(await importFolderAt(folder))
    },
  }

  /** Files each integration in its folder and keeps the environments in the workspace (secret values in the vault). */
  function saveImport(result: ImportResult): ImportOutcome {
    const warnings = [...result.warnings, ...importEnvironments(environments, result)]
    const imported = importedEntries(result).map(({ integration, folder }) =>
      repository.summary(repository.save({ integration, folder }).id),
    )
    return {
      cancelled: false,
      format: result.format,
      imported,
      environments: (result.environments ?? []).map((environment) => ({
        name: environment.name,
        variables: environment.variables.map((variable) => ({
          ...variable,
          value: variable.secret && variable.value ? MASKED : variable.value,
        })),
      })),
      warnings,
    }
  }
}

async function importFolderAt(folder: string): Promise<ImportResult> {
  const read = await readCollectionFolder(folder)
  const result = importBrunoFolder(read.files)
  return { ...result, warnings: [...read.warnings, ...result.warnings] }
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'integration'
  )
}
