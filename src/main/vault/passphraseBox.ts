import { randomBytes, scryptSync } from 'node:crypto'
import { ERR_PASSPHRASE_WRONG } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'
import { openAesGcm, sealAesGcm } from './aesGcmCipher'

/** What an export with secrets carries: everything needed to decrypt, except the passphrase. */
export interface PassphraseBox {
  kdf: 'scrypt'
  /** scrypt cost parameters (RFC 7914); N = 2^17 is OWASP's 2023 recommendation. */
  N: number
  r: number
  p: number
  salt: string
  cipher: 'aes-256-gcm'
  /** base64 of iv ‖ tag ‖ ciphertext */
  data: string
}

const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 }
const AAD = Buffer.from('tokendesk.export/1')

/** Encrypts with a key derived from the user's passphrase. */
export function sealWithPassphrase(
  plaintext: string,
  passphrase: string,
  cost = DEFAULT_COST,
): PassphraseBox {
  const salt = randomBytes(16)
  const key = deriveKey(passphrase, salt, cost)
  return {
    kdf: 'scrypt',
    ...cost,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    data: sealAesGcm(key, Buffer.from(plaintext, 'utf8'), AAD).toString('base64'),
  }
}

/** Decrypts, or refuses clearly: a wrong passphrase and an altered file look the same to AES-GCM. */
export function openWithPassphrase(box: PassphraseBox, passphrase: string): string {
  const key = deriveKey(passphrase, Buffer.from(box.salt, 'base64'), box)
  try {
    return openAesGcm(key, Buffer.from(box.data, 'base64'), AAD).toString('utf8')
  } catch {
    throw new TokenDeskError(
      ERR_PASSPHRASE_WRONG,
      'That passphrase does not open this file. Check it and try again (the file may also have been changed since export).',
      {
        field: 'passphrase',
      },
    )
  }
}

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  // maxmem must cover 128·N·r bytes, or scrypt refuses the parameters.
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r })
}
