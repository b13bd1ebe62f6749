import { createHash } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { ConfigValue, Integration } from '../../shared/integration'
import type { KeptTokens } from '../../main/oauth/keptTokens'
import { parseLedger } from '../../main/oauth/keptTokens'

/**
 * Where the CLI keeps an integration's tokens between runs: the OS keychain, or a file the user
 * named with --token-store. Holds the last token set (so a still-valid access token is reused) and
 * the refresh tokens' ledger (so the newest refresh token is used and an old one never sent).
 */
export interface TokenStore {
  /** Where tokens are kept, in the user's words: "the OS keychain", or the file's path. */
  readonly where: string
  load(entry: TokenStoreEntry): KeptTokens | undefined
  save(entry: TokenStoreEntry, kept: KeptTokens): void
}

/** One integration's place in a store. */
export interface TokenStoreEntry {
  /** Stable for one integration: its file, name and token URL (SHA-256, hex). */
  key: string
  /** What the user would recognise in a keychain viewer: the integration's name or file. */
  label: string
}

/** The integration's identity: the same file, name and token endpoint is the same integration. */
export function tokenStoreEntry(
  file: string,
  integration: Integration,
  env: Readonly<Record<string, string | undefined>>,
): TokenStoreEntry {
  let path = resolve(file)
  try {
    path = realpathSync(path)
  } catch {
    // The file was just read, so this is a race with its removal; the resolved path still identifies it.
  }
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        path,
        integration.name ?? '',
        valueOf(integration.tokenUrl ?? integration.issuer, env),
      ]),
    )
    .digest('hex')
  return { key, label: integration.name || basename(path) }
}

/** A configured value as this run sees it: an environment reference read from the environment. */
export function valueOf(
  value: ConfigValue | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return typeof value === 'object' ? env[value.env] : value
}

/** Kept tokens as JSON; anything of another shape counts as nothing kept (the next run asks the vendor). */
export function parseKeptTokens(value: unknown): KeptTokens | undefined {
  if (!value || typeof value !== 'object') return undefined
  const { token, refreshTokens } = value as Record<string, unknown>
  const tokenOk =
    token !== null &&
    typeof token === 'object' &&
    typeof (token as Record<string, unknown>).access_token === 'string'
  return {
    token: tokenOk ? (token as KeptTokens['token']) : undefined,
    refreshTokens: parseLedger(refreshTokens),
  }
}
