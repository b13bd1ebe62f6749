import type { TokenSet } from '../../shared/token'
import { parseLedger, type RefreshTokenLedger } from '../oauth/keptTokens'
import type { KeyValueStore } from '../store/keyValueStore'
import type { ShapeCheck } from '../store/openRecovering'
import type { CipherStrength, SecretCipher } from './secretCipher'

export interface VaultStatus {
  strength: CipherStrength
  backend: string
  /** True when secrets are written to disk (encrypted); false when they live for this session only. */
  persistent: boolean
  /** On `weak` encryption: whether the user agreed to save secrets anyway. */
  weakAllowed: boolean
  /** Saved secrets that could not be decrypted (e.g. the OS keychain was reset), by integration id. */
  unreadable: string[]
}

interface VaultEntry {
  /** base64 ciphertext of a JSON object path → secret value */
  config?: string
  /** base64 ciphertext of the cached TokenSet */
  tokens?: string
  /** base64 ciphertext of the refresh tokens' ledger: kept whatever the access-token storage setting */
  refreshTokens?: string
}

type VaultValues = { config?: Record<string, string>; tokens?: TokenSet; refreshTokens?: RefreshTokenLedger }
const KINDS = ['config', 'tokens', 'refreshTokens'] as const

/**
 * Secrets and tokens, only ever on disk as ciphertext, in their own file (vault.json) apart from the
 * integrations. When encryption is weak and not agreed to, or unavailable, they stay in memory.
 */
export class Vault {
  private readonly session = new Map<string, VaultValues>()
  private readonly unreadable = new Set<string>()

  constructor(
    private readonly store: KeyValueStore,
    private readonly cipher: SecretCipher,
    private readonly settings: { weakAllowed(): boolean },
  ) {}

  status(): VaultStatus {
    return {
      strength: this.cipher.strength(),
      backend: this.cipher.backendName(),
      persistent: this.persistent(),
      weakAllowed: this.settings.weakAllowed(),
      unreadable: [...this.unreadable],
    }
  }

  getConfigSecrets(id: string): Record<string, string> {
    return this.read(id, 'config') ?? {}
  }

  putConfigSecrets(id: string, secrets: Record<string, string>): void {
    this.write(id, 'config', Object.keys(secrets).length ? secrets : undefined, true)
  }

  getTokens(id: string): TokenSet | undefined {
    return this.read(id, 'tokens')
  }

  /** `keepAcrossRestarts` false keeps tokens for this session only, as the user chose for the integration. */
  putTokens(id: string, tokens: TokenSet | undefined, keepAcrossRestarts: boolean): void {
    this.write(id, 'tokens', tokens, keepAcrossRestarts)
  }

  getRefreshTokens(id: string): RefreshTokenLedger | undefined {
    const kept = this.read(id, 'refreshTokens')
    return kept && parseLedger(kept)
  }

  /**
   * Refresh tokens are credentials that outlive access tokens, and a rotating vendor has revoked the
   * old one: they are kept encrypted on disk whatever the access-token setting, as secrets are.
   */
  putRefreshTokens(id: string, ledger: RefreshTokenLedger): void {
    const empty = !ledger.current && !ledger.past.length
    this.write(id, 'refreshTokens', empty ? undefined : ledger, true)
  }

  remove(id: string): void {
    this.session.delete(id)
    this.store.update('entries', (current) => {
      const entries = { ...asEntries(current) }
      delete entries[id]
      return entries
    })
  }

  /** Writes what is only in memory to disk, after the user allowed weak encryption. */
  flushSessionToDisk(): void {
    if (!this.persistent()) return
    for (const [id, values] of this.session) {
      if (values.config) this.write(id, 'config', values.config, true)
      if (values.refreshTokens) this.write(id, 'refreshTokens', values.refreshTokens, true)
    }
  }

  private persistent(): boolean {
    const strength = this.cipher.strength()
    return strength === 'os' || (strength === 'weak' && this.settings.weakAllowed())
  }

  private read<K extends keyof VaultEntry>(id: string, kind: K): VaultValues[K] | undefined {
    type Value = VaultValues[K]
    const inMemory = this.session.get(id)?.[kind] as Value | undefined
    if (inMemory) return inMemory
    const sealed = asEntries(this.store.get('entries'))[id]?.[kind]
    if (!sealed) return undefined
    try {
      const value = JSON.parse(this.cipher.decrypt(Buffer.from(sealed, 'base64'))) as Value
      this.remember(id, kind, value)
      return value
    } catch {
      // Never guess: report it, so the user re-enters the secret instead of sending an empty one.
      this.unreadable.add(id)
      return undefined
    }
  }

  private write(id: string, kind: keyof VaultEntry, value: object | undefined, toDisk: boolean): void {
    this.remember(id, kind, value)
    const sealed =
      value !== undefined && toDisk && this.persistent()
        ? this.cipher.encrypt(JSON.stringify(value)).toString('base64')
        : undefined
    // On a fresh read under the file's lock: another process's entries stay as they are.
    this.store.update('entries', (current) => {
      const entries = { ...asEntries(current) }
      const entry: VaultEntry = { ...entries[id] }
      if (sealed) entry[kind] = sealed
      else delete entry[kind]
      if (KINDS.some((each) => entry[each])) entries[id] = entry
      else delete entries[id]
      return entries
    })
    if (kind === 'config') this.unreadable.delete(id)
  }

  private remember(id: string, kind: keyof VaultEntry, value: object | undefined): void {
    const current = this.session.get(id) ?? {}
    this.session.set(id, { ...current, [kind]: value })
  }
}

function asEntries(value: unknown): Record<string, VaultEntry> {
  return (value as Record<string, VaultEntry> | undefined) ?? {}
}

/**
 * vault.json as TokenDesk writes it: `entries` maps integration ids to base64 ciphertexts. Entries of
 * another shape are dropped (a secret that cannot be read is asked for again); the others are kept.
 */
export const checkVaultFile: ShapeCheck = (read) => {
  const entries = read('entries')
  if (entries === undefined) return undefined
  if (!isPlainObject(entries))
    return { reason: '"entries" is not a list of integrations’ secrets', kept: {}, what: 'no secrets' }
  const good = Object.entries(entries).filter(
    ([, entry]) =>
      isPlainObject(entry) &&
      Object.entries(entry).every(
        ([kind, sealed]) => KINDS.includes(kind as never) && typeof sealed === 'string',
      ),
  )
  const total = Object.keys(entries).length
  if (good.length === total) return undefined
  return {
    reason: `${total - good.length} of ${total} integrations’ secrets were not in the form TokenDesk writes`,
    kept: { entries: Object.fromEntries(good) },
    what: `the secrets of ${good.length} integration${good.length === 1 ? '' : 's'}`,
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
