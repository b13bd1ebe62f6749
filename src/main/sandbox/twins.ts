/**
 * A sandbox twin of each preset: the preset's integration with the demo credentials filled in and its
 * URLs on the running sandbox. A twin is marked `sandbox: true`; its URLs follow the sandbox at each
 * use, because the sandbox's ports change every time it starts.
 */
import type { Integration } from '../../shared/integration'
import type { Preset } from '../../shared/preset'
import { SANDBOX_BADGE, type SandboxSwitchId, type SandboxVendor } from '../../shared/sandbox'
import { AFFINITYLIVE_OOB } from './vendors'
import { SANDBOX_TIMEOUT_MS, type RunningSandbox } from './startSandbox'

/** Which sandbox server plays the vendor of each preset. */
const VENDOR_OF_PRESET: Record<string, SandboxVendor> = {
  'avionte-bold': 'avionte',
  'altitude-angel': 'altitudeAngel',
  'skykick-partner': 'skykick',
  'skykick-distributor': 'skykick',
  'autovit-password': 'autovit',
  'autovit-partner': 'autovit',
  affinitylive: 'affinityLive',
  'generic-oauth2': 'openid',
  'openid-connect': 'openid',
}

export function sandboxVendorOf(integration: Pick<Integration, 'preset'>): SandboxVendor | undefined {
  return integration.preset === undefined ? undefined : VENDOR_OF_PRESET[integration.preset]
}

const TOKEN_SWITCHES: SandboxSwitchId[] = ['wrong-secret', 'secret-not-url-encoded', 'undeclared-scope']
const REFRESH_SWITCHES: SandboxSwitchId[] = [
  'refresh-token-expired',
  'refresh-token-revoked',
  'refresh-token-rotated',
]
const GATEWAY_SWITCHES: SandboxSwitchId[] = [
  'rate-limit',
  'html-page',
  'slow-answer',
  'token-expires-early',
  'missing-scope',
]
const SIGN_IN_SWITCHES: SandboxSwitchId[] = ['sign-in-denied', 'state-tampered']

/** The switches each vendor's sandbox server can flip: only what that vendor's flows can show. */
export const SWITCHES_OF_VENDOR: Record<SandboxVendor, SandboxSwitchId[]> = {
  avionte: [...TOKEN_SWITCHES, ...GATEWAY_SWITCHES],
  // Altitude Angel hands out refresh tokens even for client credentials, and signs JWTs (clock skew).
  altitudeAngel: [...TOKEN_SWITCHES, ...REFRESH_SWITCHES, 'clock-skew', ...GATEWAY_SWITCHES],
  skykick: [...TOKEN_SWITCHES, 'clock-skew', ...GATEWAY_SWITCHES],
  // Autovit ignores a requested scope, so there is nothing undeclared to refuse.
  autovit: ['wrong-secret', 'secret-not-url-encoded', ...GATEWAY_SWITCHES],
  // The PIN page answers in the browser only (no redirect back), so sign-in switches have nothing to show here.
  affinityLive: ['wrong-secret', 'secret-not-url-encoded', ...REFRESH_SWITCHES, ...GATEWAY_SWITCHES],
  openid: [...TOKEN_SWITCHES, ...GATEWAY_SWITCHES, ...SIGN_IN_SWITCHES],
}

/** A twin for every preset the sandbox plays. */
export function sandboxTwins(presets: readonly Preset[], sandbox: RunningSandbox): Integration[] {
  return presets.flatMap((preset) => {
    const twin = twinOf(preset, sandbox)
    return twin ? [twin] : []
  })
}

function twinOf(preset: Preset, sandbox: RunningSandbox): Integration | undefined {
  const vendor = VENDOR_OF_PRESET[preset.id]
  if (!vendor) return undefined
  const c = sandbox.credentials
  const base: Integration = {
    ...preset.integration,
    name: `${preset.name} (${SANDBOX_BADGE})`,
    preset: preset.id,
    sandbox: true,
    timeoutMs: SANDBOX_TIMEOUT_MS,
  }
  const api = (baseUrl: string) => ({ ...preset.integration.api, baseUrl })
  switch (vendor) {
    case 'avionte':
      return {
        ...base,
        tokenUrl: sandbox.avionte.tokenUrl,
        clientId: c.avionte.clientId,
        clientSecret: c.avionte.clientSecret,
        tokenRequest: { headers: { 'x-api-key': c.avionte.apiKey } },
        api: { ...api(sandbox.avionte.apiUrl), headers: { 'x-api-key': c.avionte.apiKey } },
      }
    case 'altitudeAngel':
      return {
        ...base,
        tokenUrl: sandbox.altitudeAngel.tokenUrl,
        authorizeUrl: sandbox.altitudeAngel.authorizeUrl,
        clientId: c.altitudeAngel.clientId,
        clientSecret: c.altitudeAngel.clientSecret,
        api: api(sandbox.altitudeAngel.apiUrl),
      }
    case 'skykick':
      return {
        ...base,
        tokenUrl: sandbox.skykick.tokenUrl,
        basicAuth: { username: c.skykick.userId, password: c.skykick.subscriptionKey },
        api: api(sandbox.skykick.apiUrl),
      }
    case 'autovit':
      return {
        ...base,
        tokenUrl: sandbox.autovit.tokenUrl,
        clientId: c.autovit.clientId,
        clientSecret: c.autovit.clientSecret,
        ...(preset.integration.grant === 'password'
          ? { username: c.autovit.username, password: c.autovit.password }
          : {
              tokenRequest: {
                params: { partner_code: c.autovit.partnerCode, partner_secret: c.autovit.partnerSecret },
              },
            }),
        api: api(sandbox.autovit.apiUrl),
      }
    case 'affinityLive':
      return {
        ...base,
        authorizeUrl: sandbox.affinityLive.authorizeUrl,
        tokenUrl: sandbox.affinityLive.tokenUrl,
        clientId: c.affinityLive.clientId,
        clientSecret: c.affinityLive.clientSecret,
        redirectUri: AFFINITYLIVE_OOB,
        api: api(sandbox.affinityLive.apiUrl),
      }
    case 'openid':
      return preset.integration.grant === 'client_credentials'
        ? {
            ...base,
            tokenUrl: sandbox.openid.tokenUrl,
            clientId: 'machine-client',
            clientSecret: c.openid.machineSecret,
            clientAuth: 'basic',
            scope: ['api:read'],
            api: api(sandbox.openid.apiUrl),
          }
        : {
            ...base,
            issuer: sandbox.openid.issuer,
            clientId: 'web-client',
            clientSecret: c.openid.webSecret,
            clientAuth: 'basic',
            scope: ['openid', 'profile', 'email', 'offline_access', 'api:read'],
            signIn: { via: 'browser' },
            api: api(sandbox.openid.apiUrl),
          }
  }
}

const URL_FIELDS = [
  'tokenUrl',
  'authorizeUrl',
  'deviceAuthorizationUrl',
  'introspectionUrl',
  'userinfoUrl',
  'jwksUrl',
  'issuer',
] as const

/**
 * The twin as it is used now: every URL it holds moved to the running sandbox server of its vendor
 * (same path), whatever host and port were saved — so a sandbox integration only ever talks to the
 * sandbox, and its tokens never reach a real vendor.
 */
export function followSandbox(integration: Integration, sandbox: RunningSandbox): Integration {
  const vendor = sandboxVendorOf(integration)
  if (!integration.sandbox || !vendor) return integration
  const origin = new URL(sandbox.urlOf(vendor)).origin
  const move = (value: unknown): unknown => (typeof value === 'string' ? onOrigin(value, origin) : value)
  const followed: Integration = { ...integration }
  for (const field of URL_FIELDS)
    if (followed[field] !== undefined) followed[field] = move(followed[field]) as never
  if (followed.api?.baseUrl !== undefined)
    followed.api = { ...followed.api, baseUrl: move(followed.api.baseUrl) as string }
  return followed
}

/** The URL with the sandbox server's origin, path and query kept; anything not http(s) is left alone. */
export function onOrigin(value: string, origin: string): string {
  if (value.trim() === '') return value
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return value
    // An issuer without a path must stay without one: it is compared exactly (OIDC Discovery §4.3).
    const path = url.pathname === '/' && !value.trim().endsWith('/') ? '' : url.pathname
    return `${origin}${path}${url.search}${url.hash}`
  } catch {
    return value
  }
}
