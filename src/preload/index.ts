import { contextBridge, ipcRenderer } from 'electron'
import { buildBridge } from '../shared/ipc/bridge'
import { callNames, channelOf, type CallName } from '../shared/ipc/contract'

// Exactly the contract's calls, by name. No raw ipcRenderer, no generic invoke(channel) escape hatch.
contextBridge.exposeInMainWorld(
  'tokendesk',
  buildBridge(callNames, (name, input) => ipcRenderer.invoke(channelOf(name as CallName), input)),
)
