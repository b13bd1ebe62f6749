import type { TokenDeskApi } from '../shared/ipc/bridge'

declare global {
  interface Window {
    /** Installed by the preload (in the app) or by the Chromium test harness (in e2e). */
    readonly tokendesk: TokenDeskApi
  }
}

export {}
