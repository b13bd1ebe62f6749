import { ERR_WORKSPACE_INVALID } from '../../shared/errorCodes'
import type { EnvironmentDraft, EnvironmentsState, EnvironmentView } from '../../shared/workspace'
import { TokenDeskError } from '../errors'
import type { ActiveEnvironment, Variable } from '../integration/variables'
import type { KeyValueStore } from '../store/keyValueStore'
import type { Vault } from '../vault/vault'
import { assertEnvironmentName, assertVariables } from './environmentFile'
import type { EnvironmentEntry } from './workspaceFolder'
import type { Workspaces } from './workspaces'

/**
 * The open workspace's environments (dev / staging / prod): their variables in the workspace's
 * `environments/` files, secret values in this person's vault, and which one is active — a personal
 * choice, kept in the user-data folder per workspace.
 */
export class Environments {
  constructor(
    private readonly workspaces: Workspaces,
    private readonly vault: Vault,
    private readonly preferences: KeyValueStore,
  ) {}

  state(): EnvironmentsState {
    return {
      active: this.activeName() ?? null,
      environments: this.workspaces
        .current()
        .environments()
        .map((entry) => this.view(entry)),
    }
  }

  /** The environment `{{variables}}` are read from now, secret values included (main only). */
  active(): ActiveEnvironment | undefined {
    const name = this.activeName()
    const entry = name === undefined ? undefined : this.workspaces.current().environment(name)
    if (!entry) return undefined
    const secrets = this.vault.getConfigSecrets(this.workspaces.environmentVaultKey(entry.name))
    const variables = new Map<string, Variable>()
    for (const variable of entry.variables)
      variables.set(
        variable.name,
        variable.secret
          ? { secret: true, value: secrets[variable.name] }
          : { secret: false, value: variable.value },
      )
    return { name: entry.name, variables }
  }

  /** The active environment's name, when it still exists in the workspace (a pull may have removed it). */
  activeName(): string | undefined {
    const chosen = this.choices()[this.workspaces.current().id]
    return typeof chosen === 'string' && this.workspaces.current().environment(chosen) ? chosen : undefined
  }

  select(name: string | null): EnvironmentsState {
    if (name !== null && !this.workspaces.current().environment(name))
      throw new TokenDeskError(ERR_WORKSPACE_INVALID, `This workspace has no environment named "${name}".`, {
        field: 'name',
      })
    const workspaceId = this.workspaces.current().id
    this.preferences.update('activeEnvironment', (current) => {
      const choices = { ...(current as Record<string, string> | undefined) }
      if (name === null) delete choices[workspaceId]
      else choices[workspaceId] = name
      return choices
    })
    return this.state()
  }

  save(draft: EnvironmentDraft): EnvironmentsState {
    assertEnvironmentName(draft.name)
    assertVariables(draft.variables, `The environment "${draft.name}"`)
    const workspace = this.workspaces.current()
    const previous = draft.previousName ?? draft.name
    const oldKey = this.workspaces.environmentVaultKey(previous)
    const saved = this.vault.getConfigSecrets(oldKey)
    const secrets: Record<string, string> = {}
    for (const variable of draft.variables) {
      if (!variable.secret) continue
      const value =
        variable.value !== undefined && variable.value !== '' ? variable.value : saved[variable.name]
      if (value !== undefined) secrets[variable.name] = value
    }
    // The file first: a conflict leaves this person's secrets as they were.
    workspace.putEnvironment(
      {
        name: draft.name,
        variables: draft.variables.map(({ name, value, secret }) =>
          secret ? { name, secret } : { name, value: value ?? '', secret },
        ),
      },
      { previousName: draft.previousName, expectedRevision: draft.revision, overwrite: draft.overwrite },
    )
    const newKey = this.workspaces.environmentVaultKey(draft.name)
    if (newKey !== oldKey) this.vault.remove(oldKey)
    this.vault.putConfigSecrets(newKey, secrets)
    if (draft.previousName && draft.previousName !== draft.name && this.activeName() === undefined) {
      const chosen = this.choices()[workspace.id]
      if (chosen === draft.previousName) this.select(draft.name)
    }
    return this.state()
  }

  delete(name: string, revision?: string): EnvironmentsState {
    this.workspaces.current().removeEnvironment(name, { expectedRevision: revision })
    this.vault.remove(this.workspaces.environmentVaultKey(name))
    return this.state()
  }

  /** Every secret value of the workspace's environments, for masking log lines. */
  secretValues(): string[] {
    return this.workspaces
      .current()
      .environments()
      .flatMap((entry) =>
        Object.values(this.vault.getConfigSecrets(this.workspaces.environmentVaultKey(entry.name))),
      )
  }

  private view(entry: EnvironmentEntry): EnvironmentView {
    const secrets = this.vault.getConfigSecrets(this.workspaces.environmentVaultKey(entry.name))
    return {
      name: entry.name,
      revision: entry.hash,
      variables: entry.variables.map((variable) =>
        variable.secret
          ? { name: variable.name, secret: true, isSet: secrets[variable.name] !== undefined }
          : { name: variable.name, value: variable.value ?? '', secret: false, isSet: true },
      ),
    }
  }

  private choices(): Record<string, unknown> {
    return (this.preferences.get('activeEnvironment') as Record<string, unknown> | undefined) ?? {}
  }
}
