import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERR_INTEGRATION_INCOMPLETE } from '../../shared/errorCodes'
import type { EditableIntegration } from '../../shared/storedIntegration'
import { startAltitudeAngelEmulator } from '../sandbox/vendors'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { dispatchCall } from '../dispatch'
import { createServices } from '../services'
import { createHandlers } from '.'

function mainProcess() {
  const services = createServices(nodePlatform().platform)
  const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services })
  return { services, call: (name: string, input: unknown) => dispatchCall(handlers, name, input) }
}

describe('token.get with the form’s unsaved changes', () => {
  let altitude: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>
  beforeAll(async () => {
    altitude = await startAltitudeAngelEmulator()
  })
  afterAll(() => altitude.close())

  const draft = () => ({
    preset: 'altitude-angel',
    name: 'Drone map',
    grant: 'client_credentials',
    tokenUrl: altitude.tokenUrl,
    clientId: altitude.credentials.clientId,
    clientSecret: altitude.credentials.clientSecret,
    clientAuth: 'body',
    scope: ['query_mapdata'],
  })

  it('saves the draft under the id the renderer chose, then answers with the token and what was saved', async () => {
    const app = mainProcess()
    const result = await app.call('token.get', { id: 'new-1', save: { integration: draft() }, fresh: true })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const answer = result.value as { ok: boolean; saved?: EditableIntegration }
    expect(answer.ok).toBe(true)
    expect(answer.saved).toMatchObject({ id: 'new-1', secretsSet: ['clientSecret'] })
    expect(app.services.repository.list().map(({ id, name }) => ({ id, name }))).toEqual([
      { id: 'new-1', name: 'Drone map' },
    ])
  })

  it('a refusal after the save still says what was saved; the same id again updates, never duplicates', async () => {
    const app = mainProcess()
    const incomplete = { ...draft(), clientId: '' }
    const first = await app.call('token.get', { id: 'new-2', save: { integration: incomplete } })
    expect(first.ok).toBe(false)
    if (first.ok) return
    expect(first.error.code).toBe(ERR_INTEGRATION_INCOMPLETE)
    expect((first.error.details?.['saved'] as EditableIntegration).id).toBe('new-2')
    await app.call('token.get', { id: 'new-2', save: { integration: incomplete } })
    expect(app.services.repository.list()).toHaveLength(1)
  })

  it('an integration that does not parse is refused before anything is saved', async () => {
    const app = mainProcess()
    const result = await app.call('token.get', { id: 'new-3', save: { integration: { grant: 42 } } })
    expect(result.ok).toBe(false)
    expect(app.services.repository.list()).toHaveLength(0)
  })
})
