import type { CipherStrength } from './secretCipher'

/** What Electron's safeStorage reports once the app is ready. */
export interface EncryptionFacts {
  platform: NodeJS.Platform
  /** Linux only: getSelectedStorageBackend() ('basic_text', 'gnome_libsecret', 'kwallet5'…). */
  linuxBackend?: string
  /** isEncryptionAvailable() before anything was switched on. */
  available: boolean
}

export interface EncryptionPlan {
  /**
   * Linux without a keyring: safeStorage reports encryption unavailable for `basic_text` until
   * setUsePlainTextEncryption(true) is called. Calling it makes secrets survive a restart (under a
   * hard-coded key, hence `weak`: the app asks the user before relying on it).
   */
  usePlainTextEncryption: boolean
  strength: CipherStrength
}

export function encryptionPlan(facts: EncryptionFacts): EncryptionPlan {
  if (facts.platform === 'linux' && facts.linuxBackend === 'basic_text')
    return { usePlainTextEncryption: true, strength: 'weak' }
  if (facts.available) return { usePlainTextEncryption: false, strength: 'os' }
  return { usePlainTextEncryption: false, strength: 'unavailable' }
}
