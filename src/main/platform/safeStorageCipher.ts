import { safeStorage } from 'electron'
import { encryptionPlan, type EncryptionPlan } from '../vault/encryptionPlan'
import type { SecretCipher } from '../vault/secretCipher'

let plan: EncryptionPlan | undefined

/** Decided once, after the app is ready (before it, the Linux backend reads 'unknown'). */
function currentPlan(): EncryptionPlan {
  if (!plan) {
    plan = encryptionPlan({
      platform: process.platform,
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
      available: safeStorage.isEncryptionAvailable(),
    })
    if (plan.usePlainTextEncryption) safeStorage.setUsePlainTextEncryption(true)
  }
  return plan
}

/**
 * SecretCipher over Electron's safeStorage: the key lives in the OS keychain (macOS Keychain, Windows
 * DPAPI, libsecret/kwallet on Linux). On Linux without a keyring safeStorage uses "basic_text", a
 * hard-coded key — reported as `weak` so the app asks before relying on it.
 */
export const safeStorageCipher: SecretCipher = {
  strength: () => currentPlan().strength,
  backendName(): string {
    if (process.platform === 'darwin') return 'macOS Keychain'
    if (process.platform === 'win32') return 'Windows DPAPI'
    return safeStorage.getSelectedStorageBackend()
  },
  encrypt: (plaintext) => {
    currentPlan()
    return safeStorage.encryptString(plaintext)
  },
  decrypt: (ciphertext) => {
    currentPlan()
    return safeStorage.decryptString(ciphertext)
  },
}
