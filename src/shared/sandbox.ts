/**
 * The practice sandbox: TokenDesk's own copies of each vendor's servers, on 127.0.0.1, with switches
 * that break them on purpose. One list of switches for main, the renderer and the CLI.
 */

/** The sandbox's servers, one per vendor (the OpenID provider stands in for the standard presets). */
export const SANDBOX_VENDORS = [
  'avionte',
  'altitudeAngel',
  'skykick',
  'autovit',
  'affinityLive',
  'openid',
] as const
export type SandboxVendor = (typeof SANDBOX_VENDORS)[number]

export interface SandboxSwitch {
  id: SandboxSwitchId
  /** What the control shows. */
  label: string
  /** What the sandbox does while it is on, in the words of the diagnosis line. */
  effect: string
}

export const SANDBOX_SWITCHES = [
  {
    id: 'wrong-secret',
    label: 'Wrong secret',
    effect: 'the token endpoint treats the client secret as wrong (invalid_client)',
  },
  {
    id: 'secret-not-url-encoded',
    label: 'Secret not URL-encoded',
    effect: 'the token endpoint reads the secret as a client that forgot to URL-encode it would send it',
  },
  {
    id: 'undeclared-scope',
    label: 'Undeclared scope',
    effect: 'the token endpoint answers as if the scope was never declared for this client (invalid_scope)',
  },
  {
    id: 'refresh-token-expired',
    label: 'Refresh token expired',
    effect: 'the token endpoint refuses every refresh token as expired (invalid_grant)',
  },
  {
    id: 'refresh-token-revoked',
    label: 'Refresh token revoked',
    effect: 'the token endpoint refuses every refresh token as revoked (invalid_grant)',
  },
  {
    id: 'refresh-token-rotated',
    label: 'Refresh token already rotated',
    effect: 'the token endpoint refuses every refresh token as already used and replaced (invalid_grant)',
  },
  {
    id: 'clock-skew',
    label: 'Clock skew (token from the future)',
    effect: 'tokens are issued 10 minutes in the future (nbf/iat), so the API refuses them as not yet valid',
  },
  {
    id: 'rate-limit',
    label: 'Rate limit (429)',
    effect: 'the token endpoint answers 429 Too Many Requests with Retry-After: 30',
  },
  {
    id: 'html-page',
    label: 'Token endpoint answers an HTML page',
    effect: 'the token endpoint answers with an HTML page instead of JSON',
  },
  {
    id: 'slow-answer',
    label: 'Slow answer (past the timeout)',
    effect: 'the token endpoint waits longer than the integration’s timeout before answering',
  },
  {
    id: 'token-expires-early',
    label: 'API answers 401: token expired early',
    effect: 'the API treats every access token as expired before its expires_in (401 invalid_token)',
  },
  {
    id: 'missing-scope',
    label: 'API answers 403: missing scope',
    effect: 'the API answers 403 insufficient_scope, as if the token lacked the scope it needs',
  },
  {
    id: 'sign-in-denied',
    label: 'Sign-in denied by the user',
    effect: 'the sign-in page answers as if the user clicked Deny (access_denied)',
  },
  {
    id: 'state-tampered',
    label: 'State tampered',
    effect: 'the redirect back to TokenDesk carries a different state than the one sent',
  },
] as const satisfies ReadonlyArray<{ id: string; label: string; effect: string }>

export type SandboxSwitchId = (typeof SANDBOX_SWITCHES)[number]['id']
export const SANDBOX_SWITCH_IDS = SANDBOX_SWITCHES.map((s) => s.id) as [SandboxSwitchId, ...SandboxSwitchId[]]

export function sandboxSwitch(id: SandboxSwitchId): SandboxSwitch {
  return SANDBOX_SWITCHES.find((s) => s.id === id)!
}

/** The line the diagnosis shows first while a switch is on. */
export function sandboxCauseLine(id: SandboxSwitchId): string {
  const s = sandboxSwitch(id)
  return `Caused by the sandbox switch: ${s.label} — ${s.effect}.`
}

/** What the sandbox panel of one sandbox integration shows. */
export interface SandboxIntegrationState {
  vendor: SandboxVendor
  /** The switches this vendor's sandbox server can flip, in list order. */
  available: SandboxSwitchId[]
  /** At most one switch per vendor server is on; both twins of a vendor see it. */
  active?: SandboxSwitchId
  /** The sandbox API this integration's token is for, on the running server (for Try the API). */
  apiUrl?: string
}

export interface SandboxServer {
  vendor: SandboxVendor
  name: string
  url: string
}

/** Someone to sign in as on a sandbox sign-in page: demo data, shown as such. */
export interface SandboxDemoUser {
  vendor: SandboxVendor
  username: string
  password: string
}

export interface SandboxStatus {
  running: boolean
  servers: SandboxServer[]
  demoUsers: SandboxDemoUser[]
}

/** Marks an integration as the sandbox twin of a preset. */
export const SANDBOX_BADGE = 'Sandbox'
