import { test as base, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { buildBridge } from '@shared/ipc/bridge'
import { callNames } from '@shared/ipc/contract'
import { dispatchCall } from '../../src/main/dispatch'
import { createHandlers, type Handlers } from '../../src/main/handlers'
import { createServices } from '../../src/main/services'
import { nodePlatform } from '../../tests/support/nodePlatform'
import type { CipherStrength } from '../../src/main/vault/secretCipher'
import { serveRenderer } from './staticServer'

const RENDERER_ROOT = resolve(import.meta.dirname, '../../out/renderer')
/** The version the app reports is package.json's, as Electron's app.getVersion() gives it. */
export const APP_VERSION = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
).version

/**
 * The renderer as it runs in the app, in real Chromium, with `window.tokendesk` answered by the real
 * main-process handler object running in this test process. What differs from the app is only the
 * transport: a Playwright binding instead of Electron IPC.
 */
export async function installBridge(page: Page, handlers: Handlers, calls: string[] = []): Promise<void> {
  // Every result is structured-cloned, as Electron's IPC does: one that is not plain data fails the test.
  await page.exposeBinding('__tokendeskInvoke', async (_source, name: string, input: unknown) => {
    calls.push(name)
    return structuredClone(await dispatchCall(handlers, name, input))
  })
  await page.addInitScript({
    content: `Object.defineProperty(window, 'tokendesk', {
      value: (${buildBridge.toString()})(${JSON.stringify(callNames)}, (name, input) => window.__tokendeskInvoke(name, input)),
      writable: false,
    })`,
  })
}

interface Fixtures {
  /** How well this machine can encrypt secrets: 'os' (a keychain), 'weak' (Linux basic_text), 'unavailable'. */
  cipherStrength: CipherStrength
  /** The plain-Node platform behind the handlers: its user-data folder, dialogs and file queue. */
  platform: ReturnType<typeof nodePlatform>
  handlers: Handlers
  /** Every IPC call the renderer made, by name, in order: what a click costs in round trips. */
  ipcCalls: string[]
  app: Page
}

export const test = base.extend<Fixtures, { rendererUrl: string }>({
  rendererUrl: [
    async ({}, use) => {
      const server = await serveRenderer(RENDERER_ROOT)
      await use(server.url)
      await server.close()
    },
    { scope: 'worker' },
  ],
  cipherStrength: ['os', { option: true }],
  platform: async ({ cipherStrength }, use) => {
    await use(nodePlatform({ strength: cipherStrength }))
  },
  handlers: async ({ platform }, use) => {
    const services = createServices(platform.platform)
    await use(createHandlers({ appVersion: APP_VERSION, platform: process.platform, services }))
    await services.sandbox.stop()
  },
  ipcCalls: async ({}, use) => {
    await use([])
  },
  app: async ({ page, handlers, rendererUrl, ipcCalls }, use) => {
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
    await installBridge(page, handlers, ipcCalls)
    await page.goto(rendererUrl)
    await use(page)
    // A CSP violation or an uncaught error in the renderer fails the test that caused it.
    expect(consoleErrors, 'renderer console errors').toEqual([])
  },
})

export { expect }
