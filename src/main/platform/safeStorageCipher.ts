import { safeStorage } from 'electron'
import type { CipherStrength, SecretCipher } from '../vault/secretCipher'

/**
 * SecretCipher over Electron's safeStorage: the key lives in the OS keychain (macOS Keychain, Windows
 * DPAPI, libsecret/kwallet on Linux). On Linux without a keyring safeStorage uses "basic_text", a
 * hard-coded key — reported as `weak` so the app asks before relying on it.
 */
export const safeStorageCipher: SecretCipher = {
  strength(): CipherStrength {
    if (!safeStorage.isEncryptionAvailable()) return 'unavailable'
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      return 'weak'
    return 'os'
  },
  backendName(): string {
    if (process.platform === 'darwin') return 'macOS Keychain'
    if (process.platform === 'win32') return 'Windows DPAPI'
    return safeStorage.getSelectedStorageBackend()
  },
  encrypt: (plaintext) => safeStorage.encryptString(plaintext),
  decrypt: (ciphertext) => safeStorage.decryptString(ciphertext),
}
