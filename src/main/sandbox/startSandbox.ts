/** Starts every emulator and the OpenID provider with the demo credentials, each on 127.0.0.1. */
import type { AddressInfo } from 'node:net'
import type { SandboxServer, SandboxVendor } from '../../shared/sandbox'
import { SwitchBoard } from './breakSwitches'
import type { DemoCredentials } from './demoCredentials'
import { startOidcProvider, type OidcTestServer } from './oidcProvider'
import {
  startAffinityLiveEmulator,
  startAltitudeAngelEmulator,
  startAutovitEmulator,
  startAvionteEmulator,
  startSkyKickEmulator,
  type AffinityLiveEmulator,
  type AltitudeAngelEmulator,
  type AutovitEmulator,
  type AvionteEmulator,
  type SkyKickEmulator,
} from './vendors'

export const SANDBOX_VENDOR_NAMES: Record<SandboxVendor, string> = {
  avionte: 'Avionté BOLD',
  altitudeAngel: 'Altitude Angel',
  skykick: 'SkyKick',
  autovit: 'Autovit',
  affinityLive: 'AffinityLive',
  openid: 'OpenID provider',
}

export interface RunningSandbox {
  credentials: DemoCredentials
  avionte: AvionteEmulator
  altitudeAngel: AltitudeAngelEmulator
  skykick: SkyKickEmulator
  autovit: AutovitEmulator
  affinityLive: AffinityLiveEmulator
  openid: OidcTestServer
  switches: Record<SandboxVendor, SwitchBoard>
  /** Base URL of each vendor's server (http://127.0.0.1:PORT). */
  urlOf(vendor: SandboxVendor): string
  servers(): SandboxServer[]
  /** Every listening socket's address (the loopback check). */
  addresses(): Array<{ vendor: SandboxVendor; address: AddressInfo }>
  close(): Promise<void>
}

export interface StartSandboxOptions {
  credentials: DemoCredentials
  /** The first server's port; the others take the next ones (the CLI's --port). Default: free ports. */
  firstPort?: number
  /** How long a "slow answer" waits; longer than the sandbox integrations' timeout. */
  slowAnswerMs?: number
}

/** The sandbox integrations' HTTP timeout: short, so "slow answer" shows its diagnosis quickly. */
export const SANDBOX_TIMEOUT_MS = 5_000

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const { credentials: c } = options
  const slow = options.slowAnswerMs ?? SANDBOX_TIMEOUT_MS + 3_000
  const switches = {
    avionte: new SwitchBoard(slow),
    altitudeAngel: new SwitchBoard(slow),
    skykick: new SwitchBoard(slow),
    autovit: new SwitchBoard(slow),
    affinityLive: new SwitchBoard(slow),
    openid: new SwitchBoard(slow),
  }
  const port = (offset: number): number | undefined =>
    options.firstPort === undefined ? undefined : options.firstPort + offset
  const common = { idleMs: null }
  const started: Array<{ close(): Promise<void> }> = []
  const track = async <T extends { close(): Promise<void> }>(server: Promise<T>): Promise<T> => {
    const value = await server
    started.push(value)
    return value
  }
  try {
    const avionte = await track(
      startAvionteEmulator({ ...common, ...c.avionte, port: port(0), breaks: switches.avionte }),
    )
    const altitudeAngel = await track(
      startAltitudeAngelEmulator({
        ...common,
        ...c.altitudeAngel,
        port: port(1),
        breaks: switches.altitudeAngel,
      }),
    )
    const skykick = await track(
      startSkyKickEmulator({
        ...common,
        userId: c.skykick.userId,
        subscriptionKey: c.skykick.subscriptionKey,
        port: port(2),
        breaks: switches.skykick,
      }),
    )
    const autovit = await track(
      startAutovitEmulator({ ...common, ...c.autovit, port: port(3), breaks: switches.autovit }),
    )
    const affinityLive = await track(
      startAffinityLiveEmulator({
        ...common,
        ...c.affinityLive,
        port: port(4),
        breaks: switches.affinityLive,
      }),
    )
    const openid = await track(
      startOidcProvider({
        ...common,
        port: port(5),
        breaks: switches.openid,
        secrets: { machine: c.openid.machineSecret, web: c.openid.webSecret },
      }),
    )
    const byVendor = { avionte, altitudeAngel, skykick, autovit, affinityLive }
    const urlOf = (vendor: SandboxVendor): string =>
      vendor === 'openid' ? openid.issuer : byVendor[vendor].url
    const vendors = Object.keys(SANDBOX_VENDOR_NAMES) as SandboxVendor[]
    return {
      credentials: c,
      ...byVendor,
      openid,
      switches,
      urlOf,
      servers: () =>
        vendors.map((vendor) => ({ vendor, name: SANDBOX_VENDOR_NAMES[vendor], url: urlOf(vendor) })),
      addresses: () =>
        vendors.map((vendor) => ({
          vendor,
          address: vendor === 'openid' ? openid.address() : byVendor[vendor].address(),
        })),
      close: async () => {
        await Promise.all(started.map((server) => server.close()))
      },
    }
  } catch (error) {
    await Promise.all(started.map((server) => server.close()))
    throw error
  }
}
