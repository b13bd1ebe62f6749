import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { ERR_FORBIDDEN_SENDER } from '../../shared/errorCodes'
import { callNames, channelOf } from '../../shared/ipc/contract'
import { fail } from '../../shared/result'
import { dispatchCall, type Logger } from '../dispatch'
import type { Handlers } from '../handlers'
import { isTrustedRendererUrl, type RendererLocation } from '../security/trustedRenderer'

/** One `handle` per contract call; every message's sender frame is checked before its input is read. */
export function registerIpc(handlers: Handlers, location: RendererLocation, log: Logger): void {
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), (event: IpcMainInvokeEvent, input: unknown) => {
      const senderUrl = event.senderFrame?.url
      if (!senderUrl || !isTrustedRendererUrl(senderUrl, location)) {
        log(`[${name}] refused a message from an untrusted frame`)
        return fail({
          code: ERR_FORBIDDEN_SENDER,
          message: 'This window is not allowed to talk to TokenDesk.',
        })
      }
      return dispatchCall(handlers, name, input, log)
    })
  }
}
