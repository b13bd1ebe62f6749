import { Entry } from '@napi-rs/keyring'
import { ERR_TOKEN_STORE } from '../../shared/errorCodes'
import { TokenDeskError } from '../../main/errors'
import { parseKeptTokens, type TokenStore, type TokenStoreEntry } from './tokenStore'

const SERVICE = 'TokenDesk CLI'

/**
 * Tokens in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows) through @napi-rs/keyring: one entry per integration, its value the kept tokens as JSON.
 * Throws ERR_TOKEN_STORE, saying why, when there is no keychain to talk to.
 */
export function openKeychain(env: Readonly<Record<string, string | undefined>>): TokenStore {
  // Linux: the Secret Service is reached over the D-Bus session bus; without one the library fails.
  if (process.platform === 'linux' && !env.DBUS_SESSION_BUS_ADDRESS)
    throw unavailable('there is no D-Bus session for the Secret Service')
  try {
    new Entry(SERVICE, 'availability check').getPassword()
  } catch (error) {
    throw unavailable((error as Error).message)
  }
  return {
    where: 'the OS keychain',
    load: (entry) => {
      const text = new Entry(SERVICE, account(entry)).getPassword()
      if (!text) return undefined
      try {
        return parseKeptTokens(JSON.parse(text))
      } catch {
        return undefined
      }
    },
    save: (entry, kept) => {
      new Entry(SERVICE, account(entry)).setPassword(JSON.stringify(kept))
    },
  }
}

/** Readable in a keychain viewer, unique per integration. */
function account({ key, label }: TokenStoreEntry): string {
  return `${label} · ${key.slice(0, 16)}`
}

function unavailable(why: string): TokenDeskError {
  return new TokenDeskError(ERR_TOKEN_STORE, `No OS keychain is available here (${why})`, {
    field: 'token-store',
  })
}
