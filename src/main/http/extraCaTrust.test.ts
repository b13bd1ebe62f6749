import { describe, expect, it } from 'vitest'
import { createTestPki, hasOpenssl } from '../../../tests/servers/tls/testCertificates'
import { chainLeadsToExtraCa } from './extraCaTrust'

describe.skipIf(!hasOpenssl)(
  'the sign-in window trusts the integration’s extra CA like the engine does',
  () => {
    const pki = createTestPki()
    const other = createTestPki()

    it('trusts a server certificate the CA issued, for the host it names', () => {
      expect(chainLeadsToExtraCa([pki.server.cert], pki.ca, '127.0.0.1')).toBe(true)
    })

    it('refuses another CA’s certificate, another host, a non-CA as trust anchor and garbage', () => {
      expect(chainLeadsToExtraCa([other.server.cert], pki.ca, '127.0.0.1')).toBe(false)
      expect(chainLeadsToExtraCa([pki.server.cert], pki.ca, '10.0.0.1')).toBe(false)
      expect(chainLeadsToExtraCa([pki.server.cert], pki.client.cert, '127.0.0.1')).toBe(false)
      expect(chainLeadsToExtraCa(['not a certificate'], pki.ca, '127.0.0.1')).toBe(false)
      expect(chainLeadsToExtraCa([], pki.ca, '127.0.0.1')).toBe(false)
    })

    it('refuses a certificate outside its validity', () => {
      const nextYear = new Date(Date.now() + 365 * 86_400_000)
      expect(chainLeadsToExtraCa([pki.server.cert], pki.ca, '127.0.0.1', nextYear)).toBe(false)
    })
  },
)
