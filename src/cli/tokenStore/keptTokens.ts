import type { Integration } from '../../shared/integration'
import type { TokenCache } from '../../main/oauth/keptTokens'
import { TokenDeskError } from '../../main/errors'
import { openFileStore } from './fileStore'
import { openKeychain } from './keychainStore'
import { tokenStoreEntry, type TokenStore, type TokenStoreEntry } from './tokenStore'

/** `TOKENDESK_KEYCHAIN=off`: the user's explicit choice not to keep tokens in the keychain. */
export const KEYCHAIN_SWITCH_ENV = 'TOKENDESK_KEYCHAIN'

export interface KeptTokensSession {
  /** The engine's cache key for this integration. */
  cacheKey: string
  /** Writes what changed back to the store; returns warnings for the user (none when all went well). */
  keep(): string[]
  /** True when tokens will be kept after this run. */
  kept: boolean
}

/**
 * Puts an integration's kept tokens (access token, newest refresh token, what was replaced) into the
 * engine's cache before a command, and writes them back after. `warn` hears, in one sentence each,
 * when there is no keychain or a store cannot be used: tokens are never dropped silently.
 */
export function useKeptTokens(
  options: { integrationFile: string; tokenStore?: string; signingIn: boolean },
  integration: Integration,
  cache: TokenCache,
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
): KeptTokensSession {
  const entry = tokenStoreEntry(options.integrationFile, integration, env)
  const store = chooseStore(options.tokenStore, env, warn)
  const kept = store && load(store, entry, warn)
  // Signing in with a code: the user asked for a new grant, not the kept one.
  if (kept)
    cache.restore(entry.key, options.signingIn ? { refreshTokens: { past: kept.refreshTokens.past } } : kept)
  const before = JSON.stringify(cache.kept(entry.key))
  return {
    cacheKey: entry.key,
    kept: store !== undefined,
    keep: () => {
      const kept = cache.kept(entry.key)
      if (!store || JSON.stringify(kept) === before) return []
      try {
        store.save(entry, kept)
        return []
      } catch (error) {
        return [
          `The new tokens could not be kept in ${store.where} (${reason(error)}): the next run will ask the vendor again${kept.refreshTokens.current ? ', and the refresh token it replaced will be refused' : ''}.`,
        ]
      }
    },
  }
}

function chooseStore(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
): TokenStore | undefined {
  if (path) return openFileStore(path, env)
  if (env[KEYCHAIN_SWITCH_ENV] === 'off') return undefined
  try {
    return openKeychain(env)
  } catch (error) {
    if (!(error instanceof TokenDeskError)) throw error
    warn(
      `${error.message}, so tokens are not kept between runs: pass --token-store FILE to keep them in a file only you can read.`,
    )
    return undefined
  }
}

function load(store: TokenStore, entry: TokenStoreEntry, warn: (message: string) => void) {
  try {
    return store.load(entry)
  } catch (error) {
    // A file store the user named and cannot be read is an error to fix, not something to work around.
    if (error instanceof TokenDeskError) throw error
    warn(`The tokens kept in ${store.where} could not be read (${reason(error)}): asking the vendor instead.`)
    return undefined
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
