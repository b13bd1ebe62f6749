import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAltitudeAngelEmulator, type AltitudeAngelEmulator } from './sandbox/vendors'
import { nodePlatform } from '../../tests/support/nodePlatform'
import { createServices } from './services'

/** Another app holding the same refresh token uses it first (and so revokes ours). */
async function spendElsewhere(altitude: AltitudeAngelEmulator, refreshToken: string): Promise<void> {
  const { clientId, clientSecret } = altitude.credentials
  const response = await fetch(altitude.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
      client_secret: clientSecret,
    }),
  })
  expect(response.status).toBe(200)
}

function folderText(directory: string): string {
  return readdirSync(directory)
    .map((name) => readFileSync(join(directory, name), 'latin1'))
    .join('\n')
}

describe('tokens across restarts, against a vendor that rotates refresh tokens', () => {
  let altitude: AltitudeAngelEmulator
  beforeAll(async () => {
    altitude = await startAltitudeAngelEmulator({ rotationRevokesAccessToken: true })
  })
  afterAll(() => altitude.close())

  async function startWithRefreshTokenIntegration() {
    const first = nodePlatform()
    const services = createServices(first.platform)
    const saved = services.repository.save({
      integration: {
        name: 'Altitude Angel (refresh)',
        grant: 'refresh_token',
        tokenUrl: altitude.tokenUrl,
        clientId: altitude.credentials.clientId,
        clientSecret: altitude.credentials.clientSecret,
        clientAuth: 'body',
        refreshToken: altitude.issueRefreshToken(),
      },
      tokenStorage: 'session',
    })
    return { first, services, id: saved.id }
  }

  const getToken = (services: ReturnType<typeof createServices>, id: string) =>
    services.engine.getToken(services.repository.getWithSecrets(id), { cacheKey: id })

  it('a refresh-token integration with session token storage still works after a restart', async () => {
    const { first, services, id } = await startWithRefreshTokenIntegration()
    const before = await getToken(services, id)
    expect(before.ok).toBe(true)

    // A restart: new services over the same user-data folder, same key (the OS keychain keeps it).
    const restarted = createServices({ ...first.platform })
    const after = await getToken(restarted, id)
    expect(after.ok && after.source).toBe('refresh')
    // The integration's own Refresh token is the newest, so revealing or exporting it gives a working one.
    const newest = after.ok ? after.token.refresh_token! : ''
    expect(restarted.repository.revealSecret(id, 'refreshToken')).toBe(newest)
    // Session storage: no access token on disk; the refresh token only as ciphertext.
    const onDisk = folderText(first.userData)
    expect(onDisk).not.toContain(newest)
    expect(onDisk).not.toContain(after.ok ? after.token.access_token : '?')

    const again = createServices({ ...first.platform })
    expect((await getToken(again, id)).ok).toBe(true)
  })

  it('says what happened to a refresh token another app used first, and how to get going again', async () => {
    const { first, services, id } = await startWithRefreshTokenIntegration()
    const obtained = await getToken(services, id)
    const kept = obtained.ok ? obtained.token.refresh_token! : ''
    await spendElsewhere(altitude, kept)

    const restarted = createServices({ ...first.platform })
    const refused = await getToken(restarted, id)
    expect(refused.ok).toBe(false)
    const hint = !refused.ok
      ? refused.diagnosis.hints.find((each) => each.code === 'refresh-token-refused')
      : undefined
    expect(hint?.message).toMatch(
      /no longer accepts the refresh token it gave on \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    )
    expect(hint?.message).toContain('another copy of it was used first')
    expect(hint?.message).toContain('sign in again with the authorization-code flow')
    expect(hint?.message).not.toContain('own grant')

    // Trying again sends one request, not a fallback chain, and the answer says it was refused before.
    const requests = altitude.requests.length
    const second = await getToken(restarted, id)
    expect(altitude.requests.length).toBe(requests + 1)
    const secondHint = !second.ok
      ? second.diagnosis.hints.find((each) => each.code === 'refresh-token-refused')
      : undefined
    expect(secondHint?.message).toMatch(/already refused this refresh token on/)
  })
})
