/**
 * A second TokenDesk process for the two-process test: opens the app's services over the folder in
 * TOKENDESK_USER_DATA and saves COUNT integrations and history entries tagged TAG, as fast as it can.
 * Run with `node --import tsx`.
 */
import { createServices } from '../../services'
import { createAesGcmCipher } from '../../vault/aesGcmCipher'
import { confStoreFactory } from '../confStore'

const { TOKENDESK_USER_DATA: folder, TAG: tag, COUNT: count, KEY: key } = process.env
const services = createServices({
  stores: confStoreFactory(folder!),
  cipher: createAesGcmCipher(Buffer.from(key!, 'hex'), 'os', 'test AES-256-GCM'),
  dialogs: { saveFile: async () => null, openFiles: async () => null, openFolder: async () => null },
  openExternal: async () => undefined,
})
for (let index = 0; index < Number(count); index++) {
  const name = `${tag}-${index}`
  const { id } = services.repository.save({
    integration: {
      name,
      grant: 'client_credentials',
      tokenUrl: 'https://vendor.test/token',
      clientId: name,
      clientSecret: `secret-${name}`,
    },
  })
  services.history.add(
    {
      id: `exchange-${name}`,
      purpose: 'token',
      startedAt: new Date().toISOString(),
      durationMs: 1,
      request: { method: 'POST', url: 'https://vendor.test/token', headers: [], body: null },
    },
    { integrationId: id, integrationName: name },
  )
  if (index % 5 === 0) services.history.flush()
}
services.history.flush()
