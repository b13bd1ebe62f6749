import type { TokenDeskApi } from '@shared/ipc/bridge'

/**
 * The renderer's only door to main. Everything else imports from here, so tests and future changes
 * have one place to look at.
 */
export function tokendesk(): TokenDeskApi {
  if (!window.tokendesk) {
    throw new Error('TokenDesk bridge missing: the preload did not run.')
  }
  return window.tokendesk
}
