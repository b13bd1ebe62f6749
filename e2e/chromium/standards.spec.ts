import { oidcClients, startOidcProvider, type OidcTestServer } from '../../src/main/sandbox/oidcProvider'
import {
  ACCESS_TOKEN_TYPE,
  EXCHANGE_AUDIENCES,
  standardsClients,
} from '../../src/main/sandbox/openidStandards'
import {
  expectTokenReceived,
  fill,
  getToken,
  newFromPreset,
  openScreen,
  openSection,
} from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

let oidc: OidcTestServer
test.beforeAll(async () => {
  oidc = await startOidcProvider({ standards: true })
})
test.afterAll(() => oidc.close())

/** oidc-provider's RFC 7009 endpoint sits next to its token endpoint. */
const revocationUrl = () => `${oidc.tokenUrl}/revocation`

test('a client-credentials token is revoked from the result and from History, and the app says what was revoked', async ({
  app,
}) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Name', 'Revocable')
  await fill(app, 'Token URL', oidc.tokenUrl)
  await fill(app, 'Client ID', oidcClients.machine.clientId)
  await fill(app, 'Client secret', oidcClients.machine.clientSecret)
  await openSection(app, 'Advanced')
  await fill(app, 'Revocation URL', revocationUrl())
  await getToken(app)
  await expectTokenReceived(app)

  // Client credentials come without a refresh token: only the access token is offered.
  const revoke = app.getByTestId('revoke')
  await revoke.getByRole('button', { name: 'Revoke…' }).click()
  await expect(revoke.getByRole('button', { name: 'Both' })).toHaveCount(0)
  await revoke.getByRole('button', { name: 'Access token' }).click()
  await expect(app.getByTestId('revoke-outcome')).toContainText(
    'Revoked the access token: the vendor accepted, and TokenDesk forgot it.',
  )
  // The revoked token is no longer shown as if it were usable.
  await expect(app.getByTestId('token-result')).toHaveCount(0)

  // A new token, revoked from History: both are asked for; only the access token is held.
  await getToken(app)
  await expectTokenReceived(app)
  await openScreen(app, 'History')
  const table = app.getByTestId('history-table')
  await table
    .getByRole('button', { name: /Token · POST/ })
    .first()
    .click()
  const detail = app.getByTestId('history-detail')
  await detail.getByRole('button', { name: "Revoke this integration's tokens" }).click()
  await expect(app.getByTestId('history-retried')).toHaveText(
    'Revoked the access token. TokenDesk held no refresh token: nothing was sent for it.',
  )

  // Revoked twice: TokenDesk forgot it, so nothing is left to send.
  await detail.getByRole('button', { name: "Revoke this integration's tokens" }).click()
  await expect(app.getByTestId('history-retried')).toHaveText(
    'TokenDesk held no access token or refresh token: nothing was sent for it.',
  )
})

test('the Revocation URL, PAR and DPoP settings are kept after saving', async ({ app }) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Name', 'Standards kept')
  await fill(app, 'Token URL', oidc.tokenUrl)
  await fill(app, 'Client ID', oidcClients.web.clientId)
  await app.getByLabel('Grant type', { exact: true }).selectOption('authorization_code')
  await app.getByLabel(/Push the authorize request \(PAR\)/).check()
  await openSection(app, 'Advanced')
  await fill(app, 'Revocation URL', revocationUrl())
  await app.getByLabel(/Use DPoP —/).check()
  await app.getByLabel('DPoP key algorithm', { exact: true }).selectOption('EdDSA')
  await app.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(app.getByText('Unsaved')).toHaveCount(0)

  await app.reload()
  await app
    .getByRole('list', { name: 'Saved integrations' })
    .getByRole('button', { name: /^Standards kept/ })
    .click()
  await expect(app.getByLabel(/Push the authorize request \(PAR\)/)).toBeChecked()
  await openSection(app, 'Advanced')
  await expect(app.getByLabel('Revocation URL', { exact: true })).toHaveValue(revocationUrl())
  await expect(app.getByLabel(/Use DPoP —/)).toBeChecked()
  await expect(app.getByLabel('DPoP key algorithm', { exact: true })).toHaveValue('EdDSA')
})

test('choosing token exchange shows its fields, with the RFC 8693 token types to pick from', async ({
  app,
}) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await app.getByLabel('Grant type', { exact: true }).selectOption('token_exchange')
  await expect(app.getByLabel('Subject token', { exact: true })).toBeVisible()
  await app
    .getByLabel('Requested token type', { exact: true })
    .selectOption('urn:ietf:params:oauth:token-type:jwt')
  await fill(app, 'Audience', 'https://orders.tokendesk.test https://billing.tokendesk.test')
  await expect(app.getByLabel('Audience', { exact: true })).toHaveValue(
    'https://orders.tokendesk.test https://billing.tokendesk.test',
  )
  await app.getByLabel('Grant type', { exact: true }).selectOption('jwt_bearer')
  await expect(app.getByLabel('Subject token', { exact: true })).toHaveCount(0)
  await expect(app.getByLabel('Assertion (pasted JWT)', { exact: true })).toBeVisible()
  await expect(app.getByLabel('Assertion signing key (PEM or JWK)', { exact: true })).toBeVisible()
})

test('with Use DPoP, the token result shows the DPoP key thumbprint and whether the token is bound to it', async ({
  app,
}) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Token URL', oidc.tokenUrl)
  await fill(app, 'Client ID', standardsClients.dpop.clientId)
  await fill(app, 'Client secret', standardsClients.dpop.clientSecret)
  // With a scope of its API, oidc-provider issues a JWT, which names its key in cnf.jkt.
  await app.getByLabel('Scopes', { exact: true }).fill('api:read')
  await app.getByLabel('Scopes', { exact: true }).press('Enter')
  await openSection(app, 'Advanced')
  await app.getByLabel(/Use DPoP —/).check()
  await getToken(app)
  await expectTokenReceived(app)
  await expect(app.getByText('DPoP', { exact: true })).toBeVisible()
  const binding = app.getByTestId('dpop-thumbprint')
  await expect(binding).toContainText('DPoP key thumbprint')
  await expect(binding.locator('code')).toHaveText(/^[A-Za-z0-9_-]{43}$/)
  await expect(binding).toContainText('matches the token’s cnf.jkt: the token is bound to this key')
  await expect(app.getByTestId('jwt-payload').locator('tr[data-claim="cnf"]')).toContainText(
    (await binding.locator('code').textContent())!,
  )
})

test('token exchange by form: a pasted access token is traded for one for another audience', async ({
  app,
}) => {
  const { clientId, clientSecret } = standardsClients.exchange
  const response = await fetch(oidc.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api:read' }),
  })
  const subjectToken = String(((await response.json()) as { access_token: string }).access_token)

  await newFromPreset(app, 'Generic OAuth 2.0')
  await app.getByLabel('Grant type', { exact: true }).selectOption('token_exchange')
  await fill(app, 'Token URL', oidc.tokenUrl)
  await fill(app, 'Client ID', clientId)
  await fill(app, 'Client secret', clientSecret)
  await fill(app, 'Subject token', subjectToken)
  await app.getByLabel('Subject token type', { exact: true }).selectOption(ACCESS_TOKEN_TYPE)
  await fill(app, 'Audience', EXCHANGE_AUDIENCES[0])
  await getToken(app)
  await expectTokenReceived(app)
  await expect(app.getByTestId('access-token')).toHaveCount(0)
  await app.getByRole('button', { name: 'Show token' }).click()
  await expect(app.getByTestId('access-token')).not.toHaveText(subjectToken)
  await expect(app.getByTestId('jwt-payload').locator('tr[data-claim="aud"]')).toContainText(
    EXCHANGE_AUDIENCES[0],
  )
})
