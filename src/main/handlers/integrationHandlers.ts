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
  dialogs,
  now,
  engine,
  sandbox,
}: AppServices): IntegrationHandlers {
  return {
    'integrations.list': () => repository.list(),
    // A sandbox twin shows the running sandbox's URLs, not the ports it had when it was saved.
    'integrations.get': async ({ id }) => {
      const editable = repository.getForEditing(id)
      return { ...editable, integration: await sandbox.follow(editable.integration) }
    },
    'integrations.save': ({ id, integration, keepSecrets, tokenStorage }) => {
      const parsed = parseIntegration(integration)
      // Sandbox and real tokens never mix: turning an integration into a twin or back forgets its tokens.
      if (id && repository.exists(id) && repository.isSandbox(id) !== (parsed.sandbox === true))
        engine.cache.forget(id)
      return repository.save({ id, integration: parsed, keepSecrets, tokenStorage })
    },
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
      const imported = result.integrations.map((integration: Integration) =>
        repository.summary(repository.save({ integration }).id),
      )
      return { cancelled: false, format: result.format, imported, warnings: result.warnings }
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
