import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAltitudeAngelEmulator } from '../sandbox/vendors'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { secretEncodings } from '../../../tests/support/secretEncodings'
import { createHandlers } from '../handlers'
import { dispatchCall } from '../dispatch'
import { createServices } from '../services'
import { createAppLog } from './appLog'
import { diagnosticsReport } from './diagnosticsReport'

describe('the app’s log file', () => {
  let altitude: Awaited<ReturnType<typeof startAltitudeAngelEmulator>>
  beforeAll(async () => {
    altitude = await startAltitudeAngelEmulator()
  })
  afterAll(() => altitude.close())

  it('records a refused token request, with no secret in any encoding', async () => {
    const { platform, userData } = nodePlatform()
    const logDirectory = join(userData, 'logs')
    const services = createServices({ ...platform, logDirectory })
    const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services })
    // A secret with characters that change under every encoding, saved, then refused by the vendor.
    const wrongSecret = 'n0t/the+Secret=&"ü'
    const saved = await dispatchCall(handlers, 'integrations.save', {
      integration: {
        preset: 'altitude-angel',
        name: 'Altitude Angel (log test)',
        grant: 'client_credentials',
        tokenUrl: altitude.tokenUrl,
        clientId: altitude.credentials.clientId,
        clientSecret: wrongSecret,
        clientAuth: 'basic',
        scope: ['query_mapdata'],
      },
    })
    if (!saved.ok) throw new Error(saved.error.message)
    const outcome = await dispatchCall(handlers, 'token.get', { id: (saved.value as { id: string }).id })
    expect(outcome.ok && (outcome.value as { ok: boolean }).ok).toBe(false)

    const text = readFileSync(services.log!.path, 'utf8')
    expect(text).toContain('Altitude Angel (log test)')
    expect(text).toContain('HTTP 401')
    expect(text).toContain(altitude.tokenUrl)
    const basic = Buffer.from(`${altitude.credentials.clientId}:${encodeURIComponent(wrongSecret)}`).toString(
      'base64',
    )
    for (const form of [...secretEncodings(wrongSecret), basic])
      expect(text.includes(form), `the log holds a form of the secret: ${form}`).toBe(false)
    expect(statSync(services.log!.path).mode & 0o077).toBe(0) // readable by the user only
  })

  it('keeps one entry on one line, cuts long lines and masks what it is told to', () => {
    const { userData } = nodePlatform()
    const log = createAppLog(join(userData, 'logs'), (line) => line.replaceAll('hunter22', '••••••'))
    log.warn('vendor said:\nINFO forged entry with hunter22')
    log.info('x'.repeat(5000))
    const tail = log.tail(50)
    expect(tail).toHaveLength(2)
    expect(tail[0]).toMatch(/\[warn\]\s+vendor said: ⏎ INFO forged entry with ••••••$/)
    expect(tail[1]!.length).toBeLessThan(2100)
    expect(tail[1]).toContain('(cut)')
  })

  it('Copy diagnostics names versions, the encryption backend and the last log lines', () => {
    const report = diagnosticsReport({
      appVersion: '0.1.0',
      versions: { electron: '45.4.1', chrome: '142.0.0.0', node: '22.20.0' },
      os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
      encryption: { strength: 'weak', backend: 'basic_text' },
      logTail: ['[warn] token request refused'],
    })
    expect(report).toContain('TokenDesk 0.1.0')
    expect(report).toContain('Electron 45.4.1 · Chromium 142.0.0.0 · Node 22.20.0')
    expect(report).toContain('Secret encryption: basic_text (weak)')
    expect(report).toContain('[warn] token request refused')
  })
})
