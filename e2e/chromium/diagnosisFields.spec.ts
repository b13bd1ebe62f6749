import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fill, getToken, newFromPreset } from '../harness/appActions'
import { expect, test } from '../harness/fixtures'

/** A token endpoint that refuses every request with a bare 403 and no body, as some gateways do. */
async function bare403Server(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(403).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

test('a bare 403 with no body still gets the client-credential hints, and Show me opens the control they name', async ({
  app,
}) => {
  const gateway = await bare403Server()
  try {
    await newFromPreset(app, 'Generic OAuth 2.0')
    await fill(app, 'Token URL', gateway.url)
    await fill(app, 'Client ID', 'my-app')
    await fill(app, 'Client secret', 'pa+ss&word')
    await getToken(app)
    const hints = app.getByTestId('diagnosis-hints')
    await expect(hints).toContainText(
      'this server may not decode Basic credentials that way: try sending them in the body',
    )
    await app.getByRole('button', { name: 'Show me: Send client credentials' }).click()
    await expect(app.getByLabel('Send client credentials', { exact: true })).toBeFocused()
  } finally {
    await gateway.close()
  }
})

test('a Token URL that cannot be reached is named by its field, in the diagnosis and its hint', async ({
  app,
}) => {
  await newFromPreset(app, 'Generic OAuth 2.0')
  await fill(app, 'Token URL', 'htp:/typo')
  await fill(app, 'Client ID', 'my-app')
  await fill(app, 'Client secret', 'secret')
  await getToken(app)
  await expect(app.getByTestId('diagnosis-summary').or(app.getByTestId('editor-error'))).toContainText(
    'The Token URL "htp:/typo" is not a web address TokenDesk can reach',
  )

  // Nothing listening: the summary says what could not be reached, the hint names the Token URL.
  const closed = await bare403Server()
  await closed.close()
  await fill(app, 'Token URL', closed.url)
  await getToken(app)
  await expect(app.getByTestId('diagnosis-summary')).toContainText('Could not reach 127.0.0.1')
  await expect(app.getByTestId('diagnosis-hints')).toContainText('in the Token URL')
})
