import { oidcClients, startOidcProvider, type OidcTestServer } from '../../src/main/sandbox/oidcProvider'
import { expect, test } from '../harness/fixtures'
import { captureThemes } from '../harness/screenshots'
import { expectNoSeriousA11yViolations } from '../harness/axe'
import type { Page } from '@playwright/test'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, UnsecuredJWT } from 'jose'

let oidc: OidcTestServer
test.beforeAll(async () => {
  oidc = await startOidcProvider({ accessTokenTtlSeconds: 14 * 60 + 30 })
})
test.afterAll(() => oidc.close())

async function openInspector(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Token inspector' }).click()
}

/** A real access token: a JWT signed by oidc-provider for the machine client. */
async function fetchAccessToken(): Promise<string> {
  const response = await fetch(oidc.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: oidcClients.machinePost.clientId,
      client_secret: oidcClients.machinePost.clientSecret,
      scope: 'api:read',
    }),
  })
  return ((await response.json()) as { access_token: string }).access_token
}

test('decodes a JWT signed by the OpenID provider and shows its expiry', async ({ app }) => {
  const token = await fetchAccessToken()
  await openInspector(app)
  await app.getByLabel('Token', { exact: true }).fill(token)

  const header = app.getByTestId('jwt-header')
  await expect(header.locator('tr[data-claim="alg"] td').first()).toHaveText('RS256')
  await expect(header.locator('tr[data-claim="kid"] td').first()).toHaveText('test-key-1')

  const payload = app.getByTestId('jwt-payload')
  await expect(payload.locator('tr[data-claim="iss"] td').first()).toHaveText(oidc.issuer)
  await expect(payload.locator('tr[data-claim="client_id"] td').first()).toHaveText(
    oidcClients.machinePost.clientId,
  )
  await expect(payload.locator('tr[data-claim="exp"] td').last()).toHaveText(/refused after this time/)

  await expect(app.getByTestId('expiry')).toContainText('Valid')
  await expect(app.getByTestId('expiry')).toHaveAttribute('data-tone', 'ok')
  await expect(app.getByTestId('expiry-relative')).toHaveText(/expires in 1[34] min/)
  // exp is shown as a local date, not as the raw number alone; UTC on hover.
  const expDate = await app.getByTestId('time-exp').getAttribute('datetime')
  expect(Date.parse(expDate!)).toBeGreaterThan(Date.now())
  await expect(app.getByTestId('time-exp')).toHaveAttribute(
    'title',
    `${new Date(expDate!).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
  )
  await captureThemes(app, 'inspector')
  await expectNoSeriousA11yViolations(app, 'token inspector')
})

test('says which part of a malformed token is wrong', async ({ app }) => {
  await openInspector(app)
  const input = app.getByLabel('Token', { exact: true })
  await input.fill('only.two')
  await expect(app.getByTestId('decode-error')).toContainText('this one has 2')

  await input.fill('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln')
  await expect(app.getByTestId('decode-error')).toContainText(
    'payload (part 2) decodes to text that is not JSON',
  )
  await expect(input).toHaveAttribute('aria-invalid', 'true')

  // What the user typed is kept, so they can fix it.
  await expect(input).toHaveValue('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln')
})

test('shows an expired token as expired', async ({ app }) => {
  await openInspector(app)
  const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) - 3 * 3600
  const payload = Buffer.from(JSON.stringify({ sub: 'x', exp })).toString('base64url')
  await app.getByLabel('Token', { exact: true }).fill(`${header}.${payload}.c2lnbmF0dXJl`)
  await expect(app.getByTestId('expiry')).toContainText('Expired')
  await expect(app.getByTestId('expiry-relative')).toHaveText('expired 3 h ago')
})

const SECRET = 'a-shared-secret-of-32-characters!'
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60

async function verifyWith(app: Page, choice: string, field: string, value: string): Promise<void> {
  await app.getByRole('radio', { name: choice }).check()
  await app.getByLabel(field, { exact: true }).fill(value)
  await app.getByRole('button', { name: 'Verify' }).click()
}

test('shows an unsigned token in red, never as valid, before and after Verify', async ({ app }) => {
  await openInspector(app)
  const token = new UnsecuredJWT({ sub: 'mallory' }).setExpirationTime(inMinutes(9)).encode()
  await app.getByLabel('Token', { exact: true }).fill(token)

  const banner = app.getByTestId('expiry')
  await expect(banner).toContainText('Unsigned (alg none)')
  await expect(banner).not.toContainText('Valid')
  await expect(banner).toHaveAttribute('data-tone', 'error')

  await verifyWith(app, 'Shared secret (HMAC)', 'Shared secret', SECRET)
  const verdict = app.getByTestId('verify-verdict')
  await expect(verdict).toContainText('Unsigned token (alg none)')
  await expect(verdict).toHaveAttribute('data-tone', 'error')
  await expect(banner).toContainText('Unsigned (alg none)')
  await expect(banner).toHaveAttribute('data-tone', 'error')
})

test('says "Not checked: keys unreachable" when the JWKS answers HTTP 500, and "Signature invalid" for a wrong secret', async ({
  app,
}) => {
  const failing: Server = createServer((_req, res) => res.writeHead(500).end('down'))
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
  try {
    const rs256Shaped = `${part({ alg: 'RS256', kid: 'k1' })}.${part({ sub: 'a', exp: inMinutes(9) })}.c2ln`
    await openInspector(app)
    await app.getByLabel('Token', { exact: true }).fill(rs256Shaped)
    const jwksUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/jwks`
    await verifyWith(app, 'JWKS URL', 'Key set (JWKS) URL', jwksUrl)

    const verdict = app.getByTestId('verify-verdict')
    await expect(verdict).toContainText('Not checked: keys unreachable')
    await expect(verdict).toContainText('HTTP 500')
    await expect(verdict).toHaveAttribute('data-tone', 'warning')
    const signatureLine = app.locator('[data-check="signature"]')
    await expect(signatureLine).toContainText('not checked')
    await expect(signatureLine).not.toContainText('failed')
    // The banner above the claims follows: amber, not green.
    await expect(app.getByTestId('expiry')).toContainText('Signature not checked')
    await expect(app.getByTestId('expiry')).toHaveAttribute('data-tone', 'warning')
  } finally {
    await new Promise((resolve) => failing.close(resolve))
  }

  const signed = await new SignJWT({ sub: 'a', exp: inMinutes(9) })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET))
  await app.getByLabel('Token', { exact: true }).fill(signed)
  await verifyWith(app, 'Shared secret (HMAC)', 'Shared secret', 'another-secret-of-32-characters!!')
  await expect(app.getByTestId('verify-verdict')).toContainText('Signature invalid')
  await expect(app.getByTestId('verify-verdict')).toHaveAttribute('data-tone', 'error')
  await expect(app.locator('[data-check="signature"]')).toContainText('failed')
  await expect(app.getByTestId('expiry')).toContainText('Signature invalid')
  await expect(app.getByTestId('expiry')).toHaveAttribute('data-tone', 'error')
  // Times in the checks read like the tables: local, UTC on hover.
  await expect(app.locator('[data-check="exp"] time')).toHaveAttribute('title', / UTC$/)
})

test('copies one claim value with its own Copy button', async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await openInspector(app)
  const token = await new SignJWT({ sub: 'alice@example.com', roles: ['admin', 'ops'] })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET))
  await app.getByLabel('Token', { exact: true }).fill(token)

  const payload = app.getByTestId('jwt-payload')
  await payload.getByRole('button', { name: 'Copy sub value' }).click()
  await expect(payload.getByRole('button', { name: 'Copy sub value' })).toHaveText('Copied')
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('alice@example.com')

  await payload.getByRole('button', { name: 'Copy roles value' }).click()
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('["admin","ops"]')
})

test('keeps a long claim name from squeezing its value: the name is cut, in full on hover', async ({
  app,
}) => {
  await openInspector(app)
  const longName = `https://claims.example.com/${'very-long-namespace/'.repeat(6)}tenant`
  const token = `${part({ alg: 'HS256' })}.${part({ [longName]: 'tenant-42', exp: inMinutes(9) })}.c2ln`
  await app.getByLabel('Token', { exact: true }).fill(token)

  const row = app.getByTestId('jwt-payload').locator(`tr[data-claim="${longName}"]`)
  const name = row.locator('th code')
  await expect(name).toHaveAttribute('title', longName)
  const [nameBox, valueBox] = await Promise.all([name.boundingBox(), row.locator('td').first().boundingBox()])
  expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)
  expect(valueBox!.width).toBeGreaterThan(nameBox!.width)
  await expect(row.locator('td').first()).toHaveText('tenant-42')
})

test('takes the access token out of a pasted token response, and says which one', async ({ app }) => {
  await openInspector(app)
  const accessToken = await new SignJWT({ sub: 'api-client', exp: inMinutes(30) })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET))
  const idToken = await new SignJWT({ sub: 'a-person', nonce: 'n' })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET))
  const response = JSON.stringify(
    { access_token: accessToken, token_type: 'Bearer', expires_in: 1800, id_token: idToken },
    null,
    2,
  )
  await app.getByLabel('Token', { exact: true }).fill(response)

  await expect(app.getByTestId('jwt-payload').locator('tr[data-claim="sub"] td').first()).toHaveText(
    'api-client',
  )
  await expect(app.getByTestId('decode-warnings')).toContainText(
    'Took the access_token out of the pasted token response. It also holds an id_token',
  )
  await expect(app.getByTestId('decode-error')).toHaveCount(0)
})

test('takes the token out of a pasted Authorization header line', async ({ app }) => {
  await openInspector(app)
  const token = await new SignJWT({ sub: 'from-a-header', exp: inMinutes(30) })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET))
  await app.getByLabel('Token', { exact: true }).fill(`Authorization: Bearer ${token}`)

  await expect(app.getByTestId('jwt-payload').locator('tr[data-claim="sub"] td').first()).toHaveText(
    'from-a-header',
  )
  await expect(app.getByTestId('decode-warnings')).toContainText(
    'Took the token out of the pasted "Authorization: Bearer …" header line.',
  )
})
