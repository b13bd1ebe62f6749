/**
 * The practice sandbox inside the app: started on first use (127.0.0.1, free ports), stopped on quit.
 * It makes the sandbox twins, moves a twin's URLs to the running servers at each use, flips the break
 * switches, and tells the diagnosis which switch was on — main knows it, nothing is guessed.
 */
import type { Diagnosis } from '../../shared/diagnosis'
import type { Integration } from '../../shared/integration'
import type { Preset } from '../../shared/preset'
import {
  sandboxCauseLine,
  sandboxSwitch,
  type SandboxIntegrationState,
  type SandboxStatus,
  type SandboxSwitchId,
} from '../../shared/sandbox'
import { demoCredentialsFrom, type DemoCredentialStore } from './demoCredentials'
import { oidcUser } from './oidcProvider'
import { startSandbox, type RunningSandbox } from './startSandbox'
import { followSandbox, onOrigin, sandboxTwins, sandboxVendorOf, SWITCHES_OF_VENDOR } from './twins'

export interface SandboxServiceDeps {
  credentials: DemoCredentialStore
  presets: readonly Preset[]
  slowAnswerMs?: number
}

export type SandboxService = ReturnType<typeof createSandboxService>

export function createSandboxService(deps: SandboxServiceDeps) {
  let running: Promise<RunningSandbox> | undefined
  let started: RunningSandbox | undefined

  function start(): Promise<RunningSandbox> {
    running ??= startSandbox({
      credentials: demoCredentialsFrom(deps.credentials),
      slowAnswerMs: deps.slowAnswerMs,
    }).then(
      (sandbox) => (started = sandbox),
      (error: unknown) => {
        running = undefined
        throw error
      },
    )
    return running
  }

  function activeSwitch(integration: Pick<Integration, 'preset' | 'sandbox'>): SandboxSwitchId | undefined {
    const vendor = sandboxVendorOf(integration)
    if (!integration.sandbox || !vendor || !started) return undefined
    return started.switches[vendor].active()
  }

  return {
    start,
    async status(): Promise<SandboxStatus> {
      const sandbox = await start()
      const { altitudeAngel } = sandbox.credentials
      return {
        running: true,
        servers: sandbox.servers(),
        demoUsers: [
          { vendor: 'altitudeAngel', username: altitudeAngel.username, password: altitudeAngel.password },
          { vendor: 'openid', username: oidcUser.login, password: oidcUser.password },
        ],
      }
    },
    /** A sandbox twin of each preset, credentials filled in. */
    async twins(): Promise<Integration[]> {
      return sandboxTwins(deps.presets, await start())
    },
    /** The integration as it is used now: a sandbox twin's URLs on the running sandbox (started if need be). */
    async follow(integration: Integration): Promise<Integration> {
      if (!integration.sandbox) return integration
      return followSandbox(integration, await start())
    },
    /** An API URL typed for a sandbox twin, on the running server of its vendor (the port saved may be old). */
    async followUrl(integration: Integration, url: string): Promise<string> {
      const vendor = sandboxVendorOf(integration)
      if (!integration.sandbox || !vendor) return url
      return onOrigin(url, new URL((await start()).urlOf(vendor)).origin)
    },
    state(integration: Integration): SandboxIntegrationState | undefined {
      const vendor = sandboxVendorOf(integration)
      if (!integration.sandbox || !vendor) return undefined
      return { vendor, available: SWITCHES_OF_VENDOR[vendor], active: activeSwitch(integration) }
    },
    async setSwitch(integration: Integration, id: SandboxSwitchId | undefined): Promise<void> {
      const vendor = sandboxVendorOf(integration)
      if (!integration.sandbox || !vendor) return
      const sandbox = await start()
      sandbox.switches[vendor].set(id)
      if (id === undefined) sandbox.skykick.resetRateLimit()
    },
    activeSwitch,
    /** The diagnosis with "caused by the sandbox switch: …" first, when a switch of its server is on. */
    explain(integration: Pick<Integration, 'preset' | 'sandbox'>, diagnosis: Diagnosis): Diagnosis {
      const id = activeSwitch(integration)
      if (!id || diagnosis.sandboxSwitch) return diagnosis
      diagnosis.sandboxSwitch = { id, label: sandboxSwitch(id).label }
      diagnosis.hints.unshift({ code: 'sandbox-switch', message: sandboxCauseLine(id) })
      return diagnosis
    },
    /** The line for an error that is not a diagnosis (a sign-in refused or tampered with). */
    causeLine(integration: Pick<Integration, 'preset' | 'sandbox'>): string | undefined {
      const id = activeSwitch(integration)
      return id ? sandboxCauseLine(id) : undefined
    },
    async stop(): Promise<void> {
      const sandbox = started
      running = undefined
      started = undefined
      await sandbox?.close()
    },
  }
}
