import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallInput, CallName, CallOutput } from '../../shared/ipc/contract'
import { sandboxSwitch, type SandboxSwitchId } from '../../shared/sandbox'
import type { IntegrationSummary } from '../../shared/storedIntegration'
import { nodePlatform } from '../../../tests/support/nodePlatform'
import { approveAuthorization } from '../../../tests/servers/oidcUserAgent'
import { hiddenInput } from '../../../tests/servers/clientHelpers'
import { dispatchCall } from '../dispatch'
import { createHandlers } from '../handlers'
import { createServices } from '../services'
import { generateDemoCredentials } from './demoCredentials'
import { startSandbox } from './startSandbox'

/** The app's main process in plain Node, the renderer's calls through the real dispatcher. */
function mainProcess(restartOf?: ReturnType<typeof nodePlatform>) {
  // A restart opens the same user-data folder with the same keychain key.
  const platform = restartOf ?? nodePlatform()
  const services = createServices(platform.platform)
  const handlers = createHandlers({ appVersion: 'test', platform: 'linux', services })
  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await dispatchCall(handlers, name, input)
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
    return result.value as CallOutput<K>
  }
  async function failure<K extends CallName>(name: K, input: CallInput<K>): Promise<string> {
    const result = await dispatchCall(handlers, name, input)
    if (result.ok) throw new Error(`${name} was expected to fail`)
    return result.error.message
  }
  // The user's browser: every sign-in page TokenDesk opens is walked through and its redirect followed.
  platform.playBrowser((url) => {
    void approveAuthorization(url)
      .then((back) => fetch(back))
      .catch(() => undefined)
  })
  return { ...platform, services, call, failure }
}

type Main = ReturnType<typeof mainProcess>

/** AffinityLive's installed-app flow: approve on its page, copy the PIN, paste it into TokenDesk. */
async function pinFromAffinityLive(main: Main, id: string): Promise<string> {
  const { authorizeUrl } = await main.call('authorize.open', { id })
  const page = await (await fetch(authorizeUrl)).text()
  const approve = new URL('/oauth2/v0/authorize/approve', authorizeUrl)
  const approved = await fetch(approve, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: hiddenInput(page, 'request_id'), decision: 'approve' }),
  })
  const pin = /<code id="pin">([^<]+)<\/code>/.exec(await approved.text())?.[1]
  if (!pin) throw new Error('no PIN on the approval page')
  return pin
}

/** Gets a token the way the twin's preset does: client credentials, password, PIN or sign-in. */
async function tokenFor(main: Main, twin: IntegrationSummary) {
  if (twin.preset === 'affinitylive')
    return main.call('token.get', { id: twin.id, code: await pinFromAffinityLive(main, twin.id) })
  if (twin.preset === 'openid-connect') {
    const outcome = await main.call('signIn.start', { id: twin.id, via: 'browser' })
    if (outcome.kind !== 'token') throw new Error('sign-in did not end with a token')
    return outcome.token
  }
  return main.call('token.get', { id: twin.id, fresh: true })
}

async function apiUrlOf(main: Main, id: string): Promise<string> {
  const { integration } = await main.call('integrations.get', { id })
  return integration.api!.baseUrl as string
}

describe('the practice sandbox', () => {
  let main: Main
  let twins: IntegrationSummary[]
  beforeAll(async () => {
    main = mainProcess()
    twins = await main.call('sandbox.tryIt', {})
  })
  afterAll(() => main.services.sandbox.stop())

  it('creates a sandbox twin of every vendor preset, each badged and marked sandbox', async () => {
    const presets = await main.call('presets.list', {})
    expect(twins.map((t) => t.preset).sort()).toEqual(presets.map((p) => p.id).sort())
    for (const twin of twins) {
      expect(twin.sandbox).toBe(true)
      expect(twin.name).toMatch(/\(Sandbox\)$/)
    }
    expect((await main.call('integrations.list', {})).every((summary) => summary.sandbox)).toBe(true)
  })

  it('gets a token from every sandbox twin', async () => {
    for (const twin of twins) {
      const outcome = await tokenFor(main, twin)
      expect(outcome.ok, `${twin.name}: ${outcome.ok ? '' : outcome.diagnosis.summary}`).toBe(true)
    }
  })

  it('calls every twin’s API with its token', async () => {
    for (const twin of twins.filter((t) => t.preset !== 'affinitylive' && t.preset !== 'openid-connect')) {
      const outcome = await main.call('api.call', {
        id: twin.id,
        request: { method: 'GET', url: await apiUrlOf(main, twin.id) },
      })
      expect(outcome.status, `${twin.name}: ${outcome.diagnosis?.summary ?? ''}`).toBe(200)
    }
  })

  it('listens on 127.0.0.1 only: nothing answers on this machine’s other addresses', async () => {
    const sandbox = await main.services.sandbox.start()
    const addresses = sandbox.addresses()
    expect(addresses).toHaveLength(6)
    for (const { vendor, address } of addresses) expect(address.address, vendor).toBe('127.0.0.1')
    const outside = Object.values(networkInterfaces())
      .flat()
      .filter((nic) => nic && nic.family === 'IPv4' && !nic.internal)
      .map((nic) => nic!.address)
    for (const host of outside)
      for (const { vendor, address } of addresses) {
        const refused = await new Promise<string>((resolve) => {
          const socket = connect({ host, port: address.port })
          socket.once('connect', () => {
            socket.destroy()
            resolve('connected')
          })
          socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
        })
        expect(refused, `${vendor} on ${host}:${address.port}`).toBe('ECONNREFUSED')
      }
  })

  it('keeps the demo credentials in the vault, encrypted, and makes new ones per install', async () => {
    const sandbox = await main.services.sandbox.start()
    const secret = sandbox.credentials.avionte.clientSecret
    const vaultFile = readFileSync(join(main.userData, 'vault.json'), 'utf8')
    expect(vaultFile).toContain('sandbox-demo-credentials')
    expect(vaultFile).not.toContain(secret)
    expect(vaultFile).not.toContain(encodeURIComponent(secret))
    expect(generateDemoCredentials().avionte.clientSecret).not.toBe(secret)
  })

  describe('after a restart, on other ports', () => {
    it('the sandbox integrations follow the running sandbox, with the same demo credentials', async () => {
      const before = (await main.services.sandbox.start()).urlOf('avionte')
      const restarted = mainProcess(main)
      try {
        // Something else holds the old port now, as it may after a restart.
        const squatter = await startSandbox({ credentials: generateDemoCredentials() })
        await main.services.sandbox.stop()
        const avionte = twins.find((t) => t.preset === 'avionte-bold')!
        const outcome = await restarted.call('token.get', { id: avionte.id, fresh: true })
        expect(outcome.ok).toBe(true)
        const after = (await restarted.services.sandbox.start()).urlOf('avionte')
        expect(after).not.toBe(before)
        const { integration } = await restarted.call('integrations.get', { id: avionte.id })
        expect(integration.tokenUrl).toBe(`${after}/authorize/token`)
        await squatter.close()
      } finally {
        await restarted.services.sandbox.stop()
        await main.services.sandbox.start()
      }
    })
  })
})

/** What the user does to see a switch at work, and what the vendor's answer must show. */
const WALKS: Record<
  SandboxSwitchId,
  { preset: string; step: 'token' | 'refresh' | 'api' | 'sign-in'; expect: RegExp }
> = {
  'wrong-secret': { preset: 'avionte-bold', step: 'token', expect: /invalid_client/ },
  'secret-not-url-encoded': { preset: 'altitude-angel', step: 'token', expect: /URL-encoded/ },
  'undeclared-scope': { preset: 'skykick-partner', step: 'token', expect: /invalid_scope/ },
  'refresh-token-expired': { preset: 'altitude-angel', step: 'refresh', expect: /has expired/ },
  'refresh-token-revoked': { preset: 'altitude-angel', step: 'refresh', expect: /revoked/ },
  'refresh-token-rotated': { preset: 'altitude-angel', step: 'refresh', expect: /already used/ },
  'clock-skew': { preset: 'skykick-partner', step: 'api', expect: /Clock skew/ },
  'rate-limit': { preset: 'autovit-password', step: 'token', expect: /429|Retry-After|30 s/i },
  'html-page': { preset: 'generic-oauth2', step: 'token', expect: /web page/i },
  'slow-answer': { preset: 'avionte-bold', step: 'token', expect: /time|answer/i },
  'token-expires-early': { preset: 'altitude-angel', step: 'api', expect: /expired/ },
  'missing-scope': { preset: 'generic-oauth2', step: 'api', expect: /scope/ },
  'sign-in-denied': { preset: 'openid-connect', step: 'sign-in', expect: /denied|access_denied/i },
  'state-tampered': { preset: 'openid-connect', step: 'sign-in', expect: /state/i },
}

describe('break it on purpose', () => {
  let main: Main
  let twins: IntegrationSummary[]
  beforeAll(async () => {
    main = mainProcess()
    twins = await main.call('sandbox.tryIt', {})
  })
  afterAll(() => main.services.sandbox.stop())

  for (const [id, walk] of Object.entries(WALKS) as Array<
    [SandboxSwitchId, (typeof WALKS)[SandboxSwitchId]]
  >) {
    it(`${sandboxSwitch(id).label}: the vendor’s answer is diagnosed, caused by the sandbox switch`, async () => {
      const twin = twins.find((t) => t.preset === walk.preset)!
      const state = await main.call('sandbox.state', { id: twin.id })
      expect(state?.available).toContain(id)
      if (walk.step !== 'sign-in') expect((await tokenFor(main, twin)).ok).toBe(true)
      expect((await main.call('sandbox.setSwitch', { id: twin.id, switch: id }))?.active).toBe(id)
      try {
        const cause = `Caused by the sandbox switch: ${sandboxSwitch(id).label}`
        if (walk.step === 'sign-in') {
          const message = await main.failure('signIn.start', { id: twin.id, via: 'browser' })
          expect(message).toMatch(walk.expect)
          expect(message).toContain(cause)
          return
        }
        let diagnosis
        if (walk.step === 'api') {
          // A token made while the switch is on (one from the future, for clock skew).
          await main.call('token.get', { id: twin.id, fresh: true })
          const outcome = await main.call('api.call', {
            id: twin.id,
            request: { method: 'GET', url: await apiUrlOf(main, twin.id) },
          })
          diagnosis = outcome.diagnosis
        } else {
          const outcome = await main.call('token.get', { id: twin.id, fresh: true })
          // A refused refresh token falls back to the grant itself: its diagnosis is in the history.
          if (walk.step === 'refresh') {
            const [latestFailure] = await main.call('history.list', {
              integrationId: twin.id,
              outcome: 'failed',
            })
            diagnosis = latestFailure?.diagnosis
            expect(latestFailure?.sandbox).toBe(true)
          } else diagnosis = outcome.ok ? undefined : outcome.diagnosis
        }
        expect(diagnosis, 'a diagnosis').toBeDefined()
        expect(diagnosis!.hints[0]?.message).toContain(cause)
        expect(diagnosis!.sandboxSwitch?.id).toBe(id)
        const said = [
          diagnosis!.summary,
          diagnosis!.error,
          diagnosis!.errorDescription,
          ...diagnosis!.hints.slice(1).map((h) => h.message),
        ].join(' ')
        expect(said).toMatch(walk.expect)
      } finally {
        await main.call('sandbox.setSwitch', { id: twin.id, switch: null })
      }
    })
  }

  it('with every switch off, nothing says it was caused by the sandbox', async () => {
    const twin = twins.find((t) => t.preset === 'avionte-bold')!
    const apiKeyless = await main.call('api.call', {
      id: twin.id,
      request: { method: 'GET', url: (await apiUrlOf(main, twin.id)).replace('/ping', '/nowhere') },
    })
    expect(apiKeyless.diagnosis?.sandboxSwitch).toBeUndefined()
    expect(apiKeyless.diagnosis?.hints.some((h) => h.code === 'sandbox-switch')).toBe(false)
  })
})
