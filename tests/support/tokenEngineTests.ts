import { afterEach } from 'vitest'
import type { Exchange } from '../../src/shared/exchange'
import type { Integration } from '../../src/shared/integration'
import { createTokenEngine } from '../../src/main/oauth/engine'
import { affinityLive } from '../../src/main/presets/affinityLive'
import { altitudeAngel } from '../../src/main/presets/altitudeAngel'
import type { startAffinityLiveEmulator, startAltitudeAngelEmulator } from '../../src/main/sandbox/vendors'

const closers: Array<() => Promise<void>> = []
// Registered in the test file that imports this module: each test's emulators stop after it.
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

/** An emulator (or any server) that stops when the current test ends. */
export async function started<T extends { close(): Promise<void> }>(emulator: Promise<T>): Promise<T> {
  const running = await emulator
  closers.push(() => running.close())
  return running
}

/** A token engine with no environment variables, keeping every exchange it records. */
export function recordingEngine() {
  const exchanges: Exchange[] = []
  const engine = createTokenEngine({ env: {}, onExchange: ({ exchange }) => exchanges.push(exchange) })
  return { engine, exchanges }
}

/** The Altitude Angel preset pointed at its emulator, with the emulator's credentials and declared scopes. */
export const altitudeAngelIntegration = (
  emulator: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>,
): Integration => ({
  ...altitudeAngel.integration,
  tokenUrl: emulator.tokenUrl,
  authorizeUrl: emulator.authorizeUrl,
  clientId: emulator.credentials.clientId,
  clientSecret: emulator.credentials.clientSecret,
  scope: ['query_mapdata', 'talk_tower'],
  api: { ...altitudeAngel.integration.api, baseUrl: emulator.url },
})

/** The AffinityLive preset pointed at its emulator, the token sent as the `_bearer_token` query parameter. */
export const affinityLiveIntegration = (
  emulator: Awaited<ReturnType<typeof startAffinityLiveEmulator>>,
): Integration => ({
  ...affinityLive.integration,
  tokenUrl: emulator.tokenUrl,
  authorizeUrl: emulator.authorizeUrl,
  clientId: emulator.credentials.clientId,
  clientSecret: emulator.credentials.clientSecret,
  api: { ...affinityLive.integration.api, baseUrl: emulator.url, tokenPlacement: 'query' },
})
