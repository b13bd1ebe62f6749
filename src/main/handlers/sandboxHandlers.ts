import type { AppServices } from '../services'
import type { Handlers } from './handlerType'

type SandboxHandlers = Pick<
  Handlers,
  'sandbox.status' | 'sandbox.tryIt' | 'sandbox.state' | 'sandbox.setSwitch'
>

export function sandboxHandlers({ sandbox, repository, engine }: AppServices): SandboxHandlers {
  const state = async (id: string) => {
    const integration = await sandbox.follow(repository.getWithSecrets(id))
    const shown = sandbox.state(integration)
    const apiUrl = integration.api?.baseUrl
    return shown ? { ...shown, ...(typeof apiUrl === 'string' ? { apiUrl } : {}) } : null
  }
  return {
    'sandbox.status': () => sandbox.status(),
    'sandbox.tryIt': async () => {
      const twins = await sandbox.twins()
      return twins.map((integration) => repository.summary(repository.save({ integration }).id))
    },
    'sandbox.state': ({ id }) => state(id),
    'sandbox.setSwitch': async ({ id, switch: which }) => {
      await sandbox.setSwitch(repository.getWithSecrets(id), which ?? undefined)
      // The next Get token asks the sandbox again instead of showing the token from before the switch.
      // The refresh tokens stay: the refresh-token switches need one to refuse.
      engine.cache.delete(id)
      return state(id)
    },
  }
}
