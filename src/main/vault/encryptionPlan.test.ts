import { describe, expect, it } from 'vitest'
import { encryptionPlan } from './encryptionPlan'

describe('encryptionPlan: how secrets are encrypted on this machine', () => {
  it('Linux without a keyring (basic_text): switches plain-text encryption on and reports it as weak', () => {
    // safeStorage says "unavailable" for basic_text until setUsePlainTextEncryption(true) is called.
    expect(encryptionPlan({ platform: 'linux', linuxBackend: 'basic_text', available: false })).toEqual({
      usePlainTextEncryption: true,
      strength: 'weak',
    })
  })

  it('a real keyring, Keychain or DPAPI: the OS protects the key', () => {
    for (const facts of [
      { platform: 'linux' as const, linuxBackend: 'gnome_libsecret', available: true },
      { platform: 'linux' as const, linuxBackend: 'kwallet5', available: true },
      { platform: 'darwin' as const, available: true },
      { platform: 'win32' as const, available: true },
    ])
      expect(encryptionPlan(facts)).toEqual({ usePlainTextEncryption: false, strength: 'os' })
  })

  it('nothing usable: secrets last for the session only', () => {
    expect(encryptionPlan({ platform: 'darwin', available: false }).strength).toBe('unavailable')
    expect(encryptionPlan({ platform: 'linux', linuxBackend: 'unknown', available: false }).strength).toBe(
      'unavailable',
    )
  })
})
