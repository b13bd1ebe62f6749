/**
 * How secrets are encrypted at rest. The app implements it with Electron's safeStorage (the OS
 * keychain); tests and the CLI with AES-256-GCM and a key they hold.
 *
 * - `os`: encrypted with a key the operating system protects (Keychain, DPAPI, libsecret/kwallet).
 * - `weak`: Linux without a keyring, where safeStorage falls back to a hard-coded key ("basic_text").
 *   Ciphertext, but anyone with the file can decrypt it: only used when the user agrees.
 * - `unavailable`: no encryption at all; secrets live for the session only.
 */
export type CipherStrength = 'os' | 'weak' | 'unavailable'

export interface SecretCipher {
  strength(): CipherStrength
  /** A short name of the backend for the user ("Keychain", "libsecret", "basic_text"…). */
  backendName(): string
  encrypt(plaintext: string): Buffer
  /** Throws when the ciphertext was not made by this cipher's key or was altered. */
  decrypt(ciphertext: Buffer): string
}
