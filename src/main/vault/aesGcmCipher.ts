import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { CipherStrength, SecretCipher } from './secretCipher'

const IV_BYTES = 12 // NIST SP 800-38D §8.2: 96-bit IVs, random per message
const TAG_BYTES = 16

/**
 * AES-256-GCM with a key held by the caller: a fresh random IV per message and an authentication tag,
 * so altered ciphertext is refused rather than decrypted to garbage. Layout: iv ‖ tag ‖ ciphertext.
 */
export function createAesGcmCipher(
  key: Buffer,
  strength: CipherStrength = 'os',
  backendName = 'aes-256-gcm',
): SecretCipher {
  if (key.byteLength !== 32) throw new Error('AES-256-GCM needs a 32-byte key.')
  return {
    strength: () => strength,
    backendName: () => backendName,
    encrypt: (plaintext) => sealAesGcm(key, Buffer.from(plaintext, 'utf8')),
    decrypt: (ciphertext) => openAesGcm(key, ciphertext).toString('utf8'),
  }
}

export function sealAesGcm(key: Buffer, plaintext: Buffer, associatedData?: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  if (associatedData) cipher.setAAD(associatedData)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

export function openAesGcm(key: Buffer, sealed: Buffer, associatedData?: Buffer): Buffer {
  if (sealed.byteLength < IV_BYTES + TAG_BYTES) throw new Error('Ciphertext too short.')
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES))
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  if (associatedData) decipher.setAAD(associatedData)
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
}
