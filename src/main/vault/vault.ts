import type { TokenSet } from '../../shared/token'
import type { KeyValueStore } from '../store/keyValueStore'
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
}

/**
 * Secrets and tokens, only ever on disk as ciphertext, in their own file (vault.json) apart from the
 * integrations. When encryption is weak and not agreed to, or unavailable, they stay in memory.
 */
export class Vault {
  private readonly session = new Map<string, { config?: Record<string, string>; tokens?: TokenSet }>()
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

  remove(id: string): void {
    this.session.delete(id)
    const entries = this.entries()
    delete entries[id]
    this.store.set('entries', entries)
  }

  /** Writes what is only in memory to disk, after the user allowed weak encryption. */
  flushSessionToDisk(): void {
    if (!this.persistent()) return
    for (const [id, values] of this.session) {
      if (values.config) this.write(id, 'config', values.config, true)
    }
  }

  private persistent(): boolean {
    const strength = this.cipher.strength()
    return strength === 'os' || (strength === 'weak' && this.settings.weakAllowed())
  }

  private read<K extends keyof VaultEntry>(
    id: string,
    kind: K,
  ): (K extends 'config' ? Record<string, string> : TokenSet) | undefined {
    type Value = K extends 'config' ? Record<string, string> : TokenSet
    const inMemory = this.session.get(id)?.[kind] as Value | undefined
    if (inMemory) return inMemory
    const sealed = this.entries()[id]?.[kind]
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
    const entries = this.entries()
    const entry: VaultEntry = { ...entries[id] }
    if (value !== undefined && toDisk && this.persistent())
      entry[kind] = this.cipher.encrypt(JSON.stringify(value)).toString('base64')
    else delete entry[kind]
    if (entry.config || entry.tokens) entries[id] = entry
    else delete entries[id]
    this.store.set('entries', entries)
    if (kind === 'config') this.unreadable.delete(id)
  }

  private remember(id: string, kind: keyof VaultEntry, value: object | undefined): void {
    const current = this.session.get(id) ?? {}
    this.session.set(id, { ...current, [kind]: value })
  }

  private entries(): Record<string, VaultEntry> {
    return { ...((this.store.get('entries') as Record<string, VaultEntry> | undefined) ?? {}) }
  }
}
