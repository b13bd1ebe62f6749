/** Where Try the API's base URL came from, when TokenDesk chose it rather than the preset or the user. */
export interface DerivedApiBaseUrl {
  baseUrl: string
  /** The Token URL's host it was derived from. */
  from: string
  /** The preset's own base URL it replaced. */
  presetDefault: string
}

/** Scheme, host and path of an absolute URL, read without parsing it (a preset's may hold {placeholders}). */
function parts(url: string): { origin: string; host: string; path: string } | null {
  if (url.length > 2000) return null
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]+)([^?#]*)/i.exec(url.trim())
  if (!match) return null
  return {
    origin: `${match[1]}${match[2]}`,
    host: match[2]!.toLowerCase(),
    path: match[3]!.replace(/\/+$/, ''),
  }
}

/** The vendor's domain: the last two labels of its API host (api.altitudeangel.com → altitudeangel.com). */
function vendorDomain(host: string): string {
  return host.split(':')[0]!.split('.').slice(-2).join('.')
}

/**
 * The API base URL to use when the Token URL moved away from the preset's host (a test server, an
 * emulator, another deployment) while the base URL is still the preset's. Derived when the answer is
 * clear: the vendor serves its API from its token host, or the Token URL left the vendor's domain
 * altogether (then the new host serves both). Null when nothing moved, or when it moved within the
 * vendor's own domain, where the API's host cannot be guessed (a warning says so instead).
 */
export function deriveApiBaseUrl(preset: { tokenUrl: string; apiBaseUrl: string }, tokenUrl: string) {
  const presetToken = parts(preset.tokenUrl)
  const presetApi = parts(preset.apiBaseUrl)
  const typed = parts(tokenUrl)
  if (!presetToken || !presetApi || !typed || /[{}\s]/.test(typed.origin)) return null
  if (typed.host === presetToken.host) return null
  const sameHost = presetApi.host === presetToken.host
  const domain = vendorDomain(presetApi.host)
  const typedHostname = typed.host.split(':')[0]!
  if (!sameHost && (typedHostname === domain || typedHostname.endsWith(`.${domain}`))) return null
  const derived: DerivedApiBaseUrl = {
    baseUrl: `${typed.origin}${presetApi.path}`,
    from: typed.host,
    presetDefault: preset.apiBaseUrl,
  }
  return derived
}
