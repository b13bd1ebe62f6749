import { randomUUID } from 'node:crypto'
import { ERR_INTEGRATION_NOT_FOUND } from '../../shared/errorCodes'
import { fieldLabel } from '../../shared/fieldLabels'
import type { Integration } from '../../shared/integration'
import { parseSecretPath, readOwnPath } from '../../shared/secretFields'
import {
  summaryOf,
  type EditableIntegration,
  type IntegrationSummary,
  type TokenStorage,
} from '../../shared/storedIntegration'
import { TokenDeskError } from '../errors'
import { parseIntegration } from '../integration/parse'
import { collectSecrets, secretAt, withoutSecrets, withSecrets } from '../vault/secretPaths'
import type { Vault } from '../vault/vault'
import type { IntegrationEntry, WriteOptions } from '../workspace/workspaceFolder'
import { tokenKeyOf } from '../workspace/tokenKey'
import type { Workspaces } from '../workspace/workspaces'
import type { KeyValueStore } from './keyValueStore'

export interface SaveIntegrationRequest {
  id?: string
  integration: Integration
  /** Secret paths left empty in the form whose saved value should be kept. */
  keepSecrets?: string[]
  tokenStorage?: TokenStorage
  /** The workspace sub-folder (["Payroll", "Employees"]); without it a saved integration stays where it is. */
  folder?: string[]
  /** The file revision the form was loaded from: a change on disk since is a conflict. */
  revision?: string
  /** "Keep mine": save over a change on disk. */
  overwrite?: boolean
}

/**
 * Integrations as files of the open workspace, without their secrets; secrets in this person's vault
 * under the workspace and integration ids. The renderer sees the integration without secret values;
 * the engine gets it whole, in main only. Personal choices (keep tokens across restarts) stay in the
 * user-data folder, not in the shared files.
 */
export class IntegrationRepository {
  private readonly trash = new Map<
    string,
    { entry: IntegrationEntry; secrets: Record<string, string>; tokenStorage: TokenStorage }
  >()

  constructor(
    private readonly workspaces: Workspaces,
    private readonly vault: Vault,
    private readonly preferences: KeyValueStore,
  ) {}

  list(): IntegrationSummary[] {
    return this.workspaces
      .current()
      .integrations()
      .map((entry) => this.summarize(entry))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  summary(id: string): IntegrationSummary {
    return this.summarize(this.entry(id))
  }

  getForEditing(id: string): EditableIntegration {
    const entry = this.entry(id)
    return {
      id: entry.id,
      integration: entry.integration,
      secretsSet: Object.keys(this.secretsOf(id)),
      tokenStorage: this.tokenStorage(id),
      createdAt: entry.modifiedAt,
      updatedAt: entry.modifiedAt,
      folder: entry.folder,
      revision: entry.hash,
      needs: this.needs(entry),
    }
  }

  /** The whole integration, secrets included. Main process only. */
  getWithSecrets(id: string): Integration {
    return withSecrets(this.entry(id).integration, Object.entries(this.secretsOf(id)))
  }

  /** The visible labels of the secrets the file says are needed and this person has not set. */
  missingSecretLabels(id: string): string[] {
    return this.needs(this.entry(id))
  }

  presetOf(id: string): string | undefined {
    return this.workspaces.current().integration(id)?.integration.preset
  }

  /** Whether the integration is a sandbox twin, without touching the vault. */
  isSandbox(id: string): boolean {
    return this.workspaces.current().integration(id)?.integration.sandbox === true
  }

  /** The name shown in lists and history, without touching the vault. */
  nameOf(id: string): string | undefined {
    return this.workspaces.current().integration(id)?.integration.name
  }

  exists(id: string): boolean {
    return this.workspaces.current().integration(id) !== undefined
  }

  /** Where this person's secrets and tokens for the integration are in the vault. */
  vaultKey(id: string): string {
    return this.workspaces.vaultKey(id)
  }

  tokenStorage(id: string): TokenStorage {
    const chosen = this.tokenStorages()[this.vaultKey(id)]
    return chosen === 'disk' ? 'disk' : 'session'
  }

  /**
   * A rotating vendor replaced the refresh token: when the integration keeps one of its own (saved
   * in Refresh token), the new one takes its place, so what the form reveals or exports still works.
   */
  replaceRefreshToken(id: string, refreshToken: string): void {
    const secrets = this.secretsOf(id)
    if (secrets.refreshToken === undefined || secrets.refreshToken === refreshToken) return
    this.vault.putConfigSecrets(this.vaultKey(id), { ...secrets, refreshToken })
  }

  /**
   * The engine made a DPoP proof key for an integration that had none: it is kept in the vault at
   * "dpop.privateKey" (a secret, like the refresh token), so tokens bound to it work after a restart.
   * A key the user set meanwhile is not replaced.
   */
  keepDpopKey(id: string, privateKey: string): void {
    const secrets = this.secretsOf(id)
    if (secrets['dpop.privateKey'] !== undefined) return
    this.vault.putConfigSecrets(this.vaultKey(id), { ...secrets, 'dpop.privateKey': privateKey })
  }

  revealSecret(id: string, path: string): string | undefined {
    return secretAt(this.secretsOf(this.entry(id).id), path)
  }

  save(request: SaveIntegrationRequest): EditableIntegration {
    const integration = parseIntegration(request.integration)
    const workspace = this.workspaces.current()
    const existing = request.id ? workspace.integration(request.id) : undefined
    const id = existing?.id ?? request.id ?? randomUUID()
    const typed = collectSecrets(integration)
    const kept = existing ? this.secretsOf(id) : {}
    const secrets: Record<string, string> = {}
    for (const path of request.keepSecrets ?? []) {
      const value = secretAt(kept, path)
      if (value !== undefined && !typed.has(path)) secrets[path] = value
    }
    for (const [path, value] of typed) secrets[path] = value
    const stripped = withoutSecrets(integration, typed.keys())
    const options: WriteOptions & { folder?: string[] } = {
      folder: request.folder,
      expectedRevision: request.revision,
      overwrite: request.overwrite,
    }
    // The file first: a conflict leaves the vault as it was.
    workspace.putIntegration(
      { id, integration: stripped, secretsNeeded: neededAfterSave(existing, kept, secrets, stripped) },
      options,
    )
    this.vault.putConfigSecrets(this.vaultKey(id), secrets)
    if (request.tokenStorage) this.setTokenStorage(id, request.tokenStorage)
    return this.getForEditing(id)
  }

  duplicate(id: string): EditableIntegration {
    const source = this.getWithSecrets(id)
    return this.save({
      integration: { ...source, name: `${source.name ?? 'Integration'} (copy)` },
      tokenStorage: this.tokenStorage(id),
      folder: this.entry(id).folder,
    })
  }

  /** Deletes, keeping the integration and its secrets in memory so the user can undo this session. */
  delete(id: string, options: WriteOptions = {}): void {
    const entry = this.entry(id)
    this.trash.set(id, { entry, secrets: this.secretsOf(id), tokenStorage: this.tokenStorage(id) })
    this.workspaces.current().removeIntegration(id, options)
    this.vault.remove(this.vaultKey(id))
    // The tokens it was given with each environment go too.
    for (const { name } of this.workspaces.current().environments())
      this.vault.remove(tokenKeyOf(this.vaultKey(id), name))
  }

  undoDelete(id: string): EditableIntegration {
    const deleted = this.trash.get(id)
    if (!deleted)
      throw new TokenDeskError(
        ERR_INTEGRATION_NOT_FOUND,
        'There is nothing to undo: that integration was not deleted in this session.',
      )
    this.trash.delete(id)
    const { entry, secrets, tokenStorage } = deleted
    this.workspaces
      .current()
      .putIntegration(
        { id, integration: entry.integration, secretsNeeded: entry.secretsNeeded },
        { folder: entry.folder },
      )
    this.vault.putConfigSecrets(this.vaultKey(id), secrets)
    this.setTokenStorage(id, tokenStorage)
    return this.getForEditing(id)
  }

  private secretsOf(id: string): Record<string, string> {
    return this.vault.getConfigSecrets(this.vaultKey(id))
  }

  private needs(entry: IntegrationEntry): string[] {
    const mine = this.secretsOf(entry.id)
    return entry.secretsNeeded.filter((path) => mine[path] === undefined).map((path) => labelOf(path))
  }

  private summarize(entry: IntegrationEntry): IntegrationSummary {
    const { id, integration, modifiedAt, folder } = entry
    return summaryOf({ id, integration, updatedAt: modifiedAt, folder, needs: this.needs(entry) })
  }

  private entry(id: string): IntegrationEntry {
    const entry = this.workspaces.current().integration(id)
    if (!entry)
      throw new TokenDeskError(
        ERR_INTEGRATION_NOT_FOUND,
        'That integration no longer exists. It may have been deleted on disk or in another window.',
        { field: 'id' },
      )
    return entry
  }

  private tokenStorages(): Record<string, TokenStorage> {
    return (this.preferences.get('tokenStorage') as Record<string, TokenStorage> | undefined) ?? {}
  }

  private setTokenStorage(id: string, storage: TokenStorage): void {
    const key = this.vaultKey(id)
    if (this.tokenStorages()[key] === storage) return
    this.preferences.update('tokenStorage', (current) => ({
      ...(current as Record<string, TokenStorage> | undefined),
      [key]: storage,
    }))
  }
}

/**
 * The secrets the file says each person needs: those this person saved, and those the file named
 * before that this person never had (a teammate's), while the integration still has a place for them.
 * One this person had and cleared is no longer needed.
 */
function neededAfterSave(
  existing: IntegrationEntry | undefined,
  before: Record<string, string>,
  after: Record<string, string>,
  integration: Integration,
): string[] {
  const needed = new Set(Object.keys(after))
  for (const path of existing?.secretsNeeded ?? []) {
    if (before[path] !== undefined || !stillApplies(integration, path)) continue
    needed.add(path)
  }
  return [...needed].sort()
}

/** A section removed (Basic credentials, the proxy) has no place for its secret any more. */
function stillApplies(integration: Integration, path: string): boolean {
  const parsed = parseSecretPath(path)
  if (!parsed) return false
  // A secret header or parameter is not in the file at all: the teammate adds the row by the name shown.
  if (parsed.kind === 'entry') return true
  if (parsed.section === undefined) return true
  const section = readOwnPath(integration, parsed.section)
  return typeof section === 'object' && section !== null
}

/** "Client secret", "x-api-key": the form's label for a secret's path. */
function labelOf(path: string): string {
  return fieldLabel(path).replace(/^api\.headers\./, '')
}
