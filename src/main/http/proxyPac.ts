/**
 * The proxy in Chromium's answer to "which proxy for this URL" (Electron's `session.resolveProxy`),
 * PAC syntax: "DIRECT", "PROXY host:port; DIRECT", "HTTPS host:port". The first entry TokenDesk can
 * use wins; SOCKS entries are skipped (the transport speaks HTTP proxies only). Undefined: directly.
 */
export function proxyFromPacResult(result: string): string | undefined {
  for (const entry of result.split(';')) {
    const [kind, address] = entry.trim().split(/\s+/)
    if (kind?.toUpperCase() === 'DIRECT') return undefined
    if (!address) continue
    if (kind?.toUpperCase() === 'PROXY') return `http://${address}`
    if (kind?.toUpperCase() === 'HTTPS') return `https://${address}`
  }
  return undefined
}
