import { ERR_CANCELLED } from '../../shared/errorCodes'
import { TokenDeskError } from '../errors'

/** Token requests under way, by integration, so the user's Cancel reaches the request in main. */
export class RunningRequests {
  private readonly controllers = new Map<string, AbortController>()

  async run<T>(id: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.controllers.get(id)?.abort()
    const controller = new AbortController()
    this.controllers.set(id, controller)
    try {
      const result = await work(controller.signal)
      // The transport reports an aborted request as a network failure; to the user it is a cancel.
      if (controller.signal.aborted) throw new TokenDeskError(ERR_CANCELLED, 'Cancelled.')
      return result
    } catch (error) {
      if (controller.signal.aborted) throw new TokenDeskError(ERR_CANCELLED, 'Cancelled.')
      throw error
    } finally {
      if (this.controllers.get(id) === controller) this.controllers.delete(id)
    }
  }

  cancel(id: string): void {
    this.controllers.get(id)?.abort()
  }
}
