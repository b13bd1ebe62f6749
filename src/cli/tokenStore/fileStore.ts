import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { ERR_TOKEN_STORE } from '../../shared/errorCodes'
import { TokenDeskError } from '../../main/errors'
import { withFileLock } from '../../main/store/fileLock'
import { openWithPassphrase, sealWithPassphrase, type PassphraseBox } from '../../main/vault/passphraseBox'
import type { KeptTokens } from '../../main/oauth/keptTokens'
import { parseKeptTokens, type TokenStore } from './tokenStore'

export const TOKEN_STORE_FORMAT = 'tokendesk.tokens/1'
/** Set it, and every entry of the file is encrypted with it (scrypt + AES-256-GCM). */
export const TOKEN_STORE_PASSPHRASE_ENV = 'TOKENDESK_TOKEN_STORE_PASSPHRASE'

interface TokenStoreFile {
  format: typeof TOKEN_STORE_FORMAT
  /** By integration key: its name, when it was saved, and its tokens — plain, or sealed with the passphrase. */
  entries: Record<
    string,
    { integration: string; savedAt: string; tokens?: KeptTokens; sealed?: PassphraseBox }
  >
}

/**
 * `--token-store FILE`: tokens in a file readable by its owner only (mode 600), for machines without
 * a keychain (CI, containers, SSH sessions). With TOKENDESK_TOKEN_STORE_PASSPHRASE set the tokens
 * are encrypted; without, the file holds them as JSON, like ~/.aws/credentials does, and TokenDesk
 * never prints them. Writes are atomic and serialized by a lock file, so parallel runs lose nothing.
 */
export function openFileStore(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date = () => new Date(),
): TokenStore & { encrypted: boolean } {
  const passphrase = env[TOKEN_STORE_PASSPHRASE_ENV] || undefined
  return {
    where: path,
    encrypted: passphrase !== undefined,
    load: ({ key }) => {
      const entry = readStoreFile(path).entries[key]
      if (!entry) return undefined
      if (entry.sealed) {
        if (!passphrase)
          throw problem(
            `${path} holds encrypted tokens: set ${TOKEN_STORE_PASSPHRASE_ENV} to the passphrase they were saved with.`,
          )
        try {
          return parseKeptTokens(JSON.parse(openWithPassphrase(entry.sealed, passphrase)))
        } catch {
          throw problem(
            `${TOKEN_STORE_PASSPHRASE_ENV} does not open the tokens in ${path}: check the passphrase.`,
          )
        }
      }
      return parseKeptTokens(entry.tokens)
    },
    save: ({ key, label }, kept) =>
      withFileLock(path, () => {
        const file = readStoreFile(path)
        file.entries[key] = passphrase
          ? {
              integration: label,
              savedAt: now().toISOString(),
              sealed: sealWithPassphrase(JSON.stringify(kept), passphrase),
            }
          : { integration: label, savedAt: now().toISOString(), tokens: kept }
        const temporary = `${path}.${process.pid}.tmp`
        writeFileSync(temporary, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 })
        chmodSync(temporary, 0o600)
        renameSync(temporary, path)
      }),
  }
}

function readStoreFile(path: string): TokenStoreFile {
  // A new file, or one made with `touch` for us to fill.
  if (!existsSync(path) || statSync(path).size === 0) return { format: TOKEN_STORE_FORMAT, entries: {} }
  // Tokens readable by others are as good as leaked: refuse until the owner fixes it.
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0)
    throw problem(`${path} can be read by other users: run chmod 600 ${path}, then try again.`)
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw problem(
      `${path} is not a TokenDesk token store (not valid JSON): give --token-store a new file name.`,
    )
  }
  const file = parsed as Partial<TokenStoreFile>
  if (file?.format !== TOKEN_STORE_FORMAT || typeof file.entries !== 'object' || file.entries === null)
    throw problem(`${path} is not a TokenDesk token store: give --token-store a new file name.`)
  return file as TokenStoreFile
}

function problem(message: string): TokenDeskError {
  return new TokenDeskError(ERR_TOKEN_STORE, message, { field: 'token-store' })
}
