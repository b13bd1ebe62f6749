import type { Environment } from '../integration/environment'

/**
 * The proxy the environment names for `target`, as curl and most tools read it: `https_proxy` for
 * https:// URLs, `http_proxy` for http:// (lowercase first, then uppercase), unless `no_proxy` lists
 * the host. A value without a scheme is an http:// proxy. Undefined: connect directly.
 */
export function proxyFromEnvironment(target: URL, env: Environment): string | undefined {
  const https = target.protocol === 'https:'
  const value = read(env, https ? 'https_proxy' : 'http_proxy')?.trim()
  if (!value) return undefined
  if (bypassesProxy(target, read(env, 'no_proxy') ?? '')) return undefined
  return value.includes('://') ? value : `http://${value}`
}

function read(env: Environment, name: string): string | undefined {
  return env[name] || env[name.toUpperCase()] || undefined
}

/**
 * NO_PROXY: "*", or names separated by commas or spaces. "example.com" and ".example.com" both
 * match the host and its subdomains ("*.example.com" too); "host:port" only that port; IPv6
 * addresses bare or in brackets.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '')
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  return noProxy.split(/[\s,]+/).some((entry) => {
    const { name, entryPort } = splitEntry(entry.trim().toLowerCase())
    if (name === '*') return true
    if (!name || (entryPort && entryPort !== port)) return false
    const domain = name.replace(/^\*?\.?/, '')
    return host === domain || host.endsWith(`.${domain}`)
  })
}

function splitEntry(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] }
  const colons = entry.split(':').length - 1
  if (colons !== 1) return { name: entry } // a bare IPv6 address has no port
  const [name, entryPort] = entry.split(':') as [string, string]
  return /^\d+$/.test(entryPort) ? { name, entryPort } : { name: entry }
}
