import type { ClaimCheck, VerificationKey } from '../../../shared/jwt'

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]']

/** Keys fetched over plain HTTP from another machine could have been swapped on the way. */
export function keySourceChecks(key: VerificationKey): ClaimCheck[] {
  const address = key.kind === 'jwks' ? key.url : key.kind === 'issuer' ? key.issuer : undefined
  if (address === undefined || !URL.canParse(address)) return []
  const { protocol, hostname } = new URL(address)
  if (protocol !== 'http:' || LOOPBACK_HOSTS.includes(hostname)) return []
  return [
    {
      id: 'key-source',
      ok: false,
      message:
        'The keys were fetched over plain http://: anyone on the network path could have replaced them, so “valid” proves less. Use https://.',
    },
  ]
}
