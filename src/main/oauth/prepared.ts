import type { Diagnosis } from '../../shared/diagnosis'
import type { Exchange } from '../../shared/exchange'
import type { Integration } from '../../shared/integration'
import type { Preset } from '../../shared/preset'
import { diagnoseDiscoveryFailure } from '../diagnose/discoveryFailure'
import { createMasker, type Masker } from '../http/mask'
import { resolveIntegration, type ResolvedIntegration } from '../integration/resolve'
import { findPreset } from '../presets'
import type { OAuthDeps } from './deps'
import { discoveryError, type Discovery, type ProviderMetadata } from './discovery'
import { preflightChecks, type PreflightWarning } from './preflight'

/** An integration made ready to send: values resolved, endpoints discovered, pre-flight warnings collected. */
export interface Prepared {
  resolved: ResolvedIntegration
  preset?: Preset
  /** The provider's discovery metadata, when the integration names an issuer. */
  metadata?: ProviderMetadata
  warnings: string[]
  /** The same pre-flight findings with the form field each is about, for the form. */
  checks: PreflightWarning[]
  /** Masks the integration's secrets; made when first used (a token from the cache sends nothing). */
  masker: Masker
}

/** Discovery failed: shown like a refused token request, with the exchange that failed. */
export interface NotPrepared {
  ok: false
  diagnosis: Diagnosis
  warnings: string[]
  exchange?: Exchange
}

/** Resolves the integration and reads discovery; a discovery failure is a diagnosis, not a throw. */
export async function prepareIntegration(
  deps: OAuthDeps,
  integration: Integration,
): Promise<{ ok: true; prepared: Prepared } | NotPrepared> {
  const ready = await prepare(deps, integration)
  if (ready.ok) return ready
  const { failure } = ready
  return { ok: false, diagnosis: diagnoseDiscoveryFailure(failure), warnings: [], exchange: failure.exchange }
}

/** The same, for steps that show no diagnosis (the preview, the sign-in's authorize URL): discovery failure throws. */
export async function prepareOrThrow(deps: OAuthDeps, integration: Integration): Promise<Prepared> {
  const ready = await prepare(deps, integration)
  if (!ready.ok) throw discoveryError(ready.failure)
  return ready.prepared
}

async function prepare(
  deps: OAuthDeps,
  integration: Integration,
): Promise<{ ok: true; prepared: Prepared } | { ok: false; failure: Extract<Discovery, { ok: false }> }> {
  const resolved = resolveIntegration(integration, deps.env)
  const preset = findPreset(integration.preset)
  let metadata: ProviderMetadata | undefined
  if (resolved.issuer) {
    const found = await discover(deps, resolved)
    if (!found.ok) return { ok: false, failure: found }
    metadata = found.metadata
  }
  const checks = preflightChecks(resolved, preset, metadata)
  let masker: Masker | undefined
  const prepared: Prepared = {
    resolved,
    preset,
    metadata,
    warnings: checks.map(({ message }) => message),
    checks,
    get masker() {
      return (masker ??= createMasker(resolved.secrets, resolved.secretNames))
    },
  }
  return { ok: true, prepared }
}

/** OIDC discovery fills the endpoints the integration leaves empty; typed ones win. */
async function discover(deps: OAuthDeps, resolved: ResolvedIntegration): Promise<Discovery> {
  const found = await deps.metadata.discover(resolved.issuer!.trim(), {
    timeoutMs: resolved.timeoutMs,
    tls: resolved.tls,
    proxy: resolved.proxy,
    now: deps.now,
  })
  if (!found.ok) return found
  const { metadata } = found
  resolved.tokenUrl ||= metadata.token_endpoint
  resolved.authorizeUrl ||= metadata.authorization_endpoint
  resolved.deviceAuthorizationUrl ||= metadata.device_authorization_endpoint
  resolved.introspectionUrl ||= metadata.introspection_endpoint
  resolved.userinfoUrl ||= metadata.userinfo_endpoint
  resolved.jwksUrl ||= metadata.jwks_uri
  return found
}
