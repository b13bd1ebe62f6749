import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createServer, type UserConfig } from 'vite'
import electronViteConfig from '../../electron.vite.config'
import {
  APP_CONTENT_SECURITY_POLICY,
  DEV_CONTENT_SECURITY_POLICY,
} from '../../src/main/security/contentSecurityPolicy'
import { expect, installBridge, test } from '../harness/fixtures'

const policyIn = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]

test('npm run dev: the renderer runs under the dev CSP (Vite’s inline preamble and styles allowed)', async ({
  page,
  handlers,
}) => {
  const rendererConfig = (electronViteConfig as { renderer: UserConfig }).renderer
  const server = await createServer({
    ...rendererConfig,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: { host: '127.0.0.1' } },
  })
  await server.listen()
  const url = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}/`
  try {
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await installBridge(page, handlers)
    const response = await page.goto(url)
    expect(policyIn(await response!.text())).toBe(DEV_CONTENT_SECURITY_POLICY)
    await expect(page.getByRole('heading', { name: 'Integrations' })).toBeVisible()
    expect(problems, 'CSP violations or errors under npm run dev').toEqual([])
  } finally {
    await server.close()
  }
})

test('the built app keeps the strict CSP in index.html', () => {
  const built = readFileSync(resolve(import.meta.dirname, '../../out/renderer/index.html'), 'utf8')
  expect(policyIn(built)).toBe(APP_CONTENT_SECURITY_POLICY)
})
