import { basename, dirname } from 'node:path'
import type { ImportOutcome } from '../../shared/ipc/contract'
import { MASKED } from '../../shared/secretNames'
import { readCollectionFolder } from '../files/collectionFolder'
import type { PickedFile } from '../files/fileDialogs'
import { importBrunoFolder, importFiles, type ImportResult } from '../importers'
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
  | 'integrations.importFolder'
>

export function integrationHandlers({ repository, dialogs, now }: AppServices): IntegrationHandlers {
  return {
    'integrations.list': () => repository.list(),
    'integrations.get': ({ id }) => repository.getForEditing(id),
    'integrations.save': ({ id, integration, keepSecrets, tokenStorage }) =>
      repository.save({ id, integration: parseIntegration(integration), keepSecrets, tokenStorage }),
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
      const folder = await dialogs.openFolder()
      if (!folder) return { cancelled: true, imported: [], environments: [], warnings: [] }
      return saveImport(await importFolderAt(folder))
    },
  }

  /** Saves the integrations as today; environments and folders are reported, for the workspace to keep. */
  function saveImport(result: ImportResult): ImportOutcome {
    const imported = result.integrations.map(({ folder: _folder, ...integration }) =>
      repository.summary(repository.save({ integration }).id),
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
      warnings: result.warnings,
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
