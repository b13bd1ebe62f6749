/**
 * The sandbox's demo credentials: made once per install (random, so no two installs share them and
 * none is written in the source), then kept in the vault like any secret.
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'

/**
 * Each secret carries `+ / = & %` so that a client that forgets to URL-encode it (RFC 6749 §2.3.1)
 * fails as it would at a real vendor; printable ASCII only (RFC 6749 App. A.5; it also travels in headers).
 */
function demoSecret(): string {
  return `${randomBytes(9).toString('base64url')}+${randomBytes(6).toString('hex')}/=&%`
}
const hex = (bytes: number): string => randomBytes(bytes).toString('hex')

const credentialsSchema = z.object({
  avionte: z.object({ clientId: z.string(), clientSecret: z.string(), apiKey: z.string() }),
  altitudeAngel: z.object({
    clientId: z.string(),
    clientSecret: z.string(),
    username: z.string(),
    password: z.string(),
  }),
  skykick: z.object({ userId: z.string(), subscriptionKey: z.string() }),
  autovit: z.object({
    clientId: z.string(),
    clientSecret: z.string(),
    username: z.string(),
    password: z.string(),
    partnerCode: z.string(),
    partnerSecret: z.string(),
  }),
  affinityLive: z.object({ clientId: z.string(), clientSecret: z.string() }),
  openid: z.object({ machineSecret: z.string(), webSecret: z.string() }),
})

export type DemoCredentials = z.infer<typeof credentialsSchema>

export function generateDemoCredentials(): DemoCredentials {
  return {
    avionte: { clientId: `sandbox-avionte-${hex(4)}`, clientSecret: demoSecret(), apiKey: demoSecret() },
    altitudeAngel: {
      clientId: `sandbox-altitude-${hex(4)}`,
      clientSecret: demoSecret(),
      username: 'pilot@sandbox.tokendesk.test',
      password: demoSecret(),
    },
    // SkyKick user IDs are 32 hex characters.
    skykick: { userId: hex(16), subscriptionKey: demoSecret() },
    autovit: {
      // Autovit client ids are numbers.
      clientId: String(100_000 + (randomBytes(3).readUIntBE(0, 3) % 900_000)),
      clientSecret: demoSecret(),
      username: 'dealer@sandbox.tokendesk.test',
      password: demoSecret(),
      partnerCode: `sandbox-partner-${hex(3)}`,
      partnerSecret: demoSecret(),
    },
    affinityLive: { clientId: `${hex(5)}@sandbox.affinitylive.test`, clientSecret: demoSecret() },
    openid: { machineSecret: demoSecret(), webSecret: demoSecret() },
  }
}

/** Where the demo credentials live between runs: the app's vault. */
export interface DemoCredentialStore {
  load(): string | undefined
  save(serialized: string): void
}

/** The kept credentials, or new ones saved for next time (also when the kept ones no longer parse). */
export function demoCredentialsFrom(store: DemoCredentialStore): DemoCredentials {
  const kept = store.load()
  if (kept) {
    try {
      const parsed = credentialsSchema.safeParse(JSON.parse(kept))
      if (parsed.success) return parsed.data
    } catch {
      // not JSON: made anew below
    }
  }
  const made = generateDemoCredentials()
  store.save(JSON.stringify(made))
  return made
}
