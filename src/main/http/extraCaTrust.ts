import { X509Certificate } from 'node:crypto'

/** A chain deeper than this is not a web server's. */
const MAX_CHAIN = 8

/**
 * Whether a server's certificate chain (leaf first, as the embedded window's certificate check
 * hands it over) leads to the integration's extra CA (`tls.ca`), is valid now and names the host.
 * The same trust the engine's requests give that CA, for the sign-in window's pages. Anything that
 * does not parse is not trusted.
 */
export function chainLeadsToExtraCa(
  chainPem: string[],
  caPem: string,
  hostname: string,
  now = new Date(),
): boolean {
  let chain: X509Certificate[]
  let ca: X509Certificate
  try {
    chain = chainPem.slice(0, MAX_CHAIN).map((pem) => new X509Certificate(pem))
    ca = new X509Certificate(caPem)
  } catch {
    return false
  }
  const leaf = chain[0]
  if (!leaf || !ca.ca) return false
  const hostMatches = /^[\d.]+$|:/.test(hostname)
    ? leaf.checkIP(hostname) !== undefined
    : leaf.checkHost(hostname) !== undefined
  if (!hostMatches) return false
  for (const [index, certificate] of chain.entries()) {
    if (!isCurrent(certificate, now)) return false
    if (certificate.checkIssued(ca) && certificate.verify(ca.publicKey)) return isCurrent(ca, now)
    const issuer = chain[index + 1]
    if (!issuer || !issuer.ca || !certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey))
      return false
  }
  return false
}

function isCurrent(certificate: X509Certificate, now: Date): boolean {
  return new Date(certificate.validFrom) <= now && now <= new Date(certificate.validTo)
}
