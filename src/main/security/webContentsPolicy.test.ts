import { describe, expect, it } from 'vitest'
import { decideWindowOpen, mayAttachWebview, mayNavigate, mayUsePermission } from './webContentsPolicy'

const built = {}
const dev = { devServerUrl: 'http://localhost:5173/' }

describe('navigation (will-navigate, will-redirect)', () => {
  it('keeps the app window on the app’s own page', () => {
    expect(mayNavigate('app', 'app://tokendesk/index.html#history', built)).toBe(true)
    expect(mayNavigate('app', 'https://login.example.com/authorize', built)).toBe(false)
    expect(mayNavigate('app', 'app://evil/index.html', built)).toBe(false)
    expect(mayNavigate('app', 'file:///etc/passwd', built)).toBe(false)
    expect(mayNavigate('app', 'http://localhost:5173/', dev)).toBe(true)
    expect(mayNavigate('app', 'http://localhost:5173.evil.example/', dev)).toBe(false)
  })

  it('lets a sign-in window show web pages only', () => {
    expect(mayNavigate('sign-in', 'https://login.example.com/authorize?client_id=x', built)).toBe(true)
    expect(mayNavigate('sign-in', 'http://127.0.0.1:4000/interaction/abc', built)).toBe(true)
    for (const url of [
      'file:///etc/passwd',
      'app://tokendesk/index.html',
      'javascript:alert(1)',
      'ms-settings:',
    ])
      expect(mayNavigate('sign-in', url, built), url).toBe(false)
  })

  it('lets a contents whose role is not known go nowhere', () => {
    expect(mayNavigate('unknown', 'app://tokendesk/index.html', built)).toBe(false)
    expect(mayNavigate('unknown', 'https://example.com/', built)).toBe(false)
  })
})

describe('new windows (window.open, target=_blank)', () => {
  it('never opens an Electron window; http(s) links from the app go to the browser', () => {
    expect(decideWindowOpen('app', 'https://docs.example.com/oauth')).toEqual({
      action: 'deny',
      openInBrowser: 'https://docs.example.com/oauth',
    })
    expect(decideWindowOpen('app', 'file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(decideWindowOpen('app', 'smb://host/share')).toEqual({ action: 'deny' })
    expect(decideWindowOpen('app', 'not a url')).toEqual({ action: 'deny' })
  })

  it('opens nothing at all from a sign-in page or an unknown contents', () => {
    expect(decideWindowOpen('sign-in', 'https://ads.example.com/')).toEqual({ action: 'deny' })
    expect(decideWindowOpen('unknown', 'https://example.com/')).toEqual({ action: 'deny' })
  })

  it('attaches no webview', () => {
    expect(mayAttachWebview()).toBe(false)
  })
})

describe('permissions (request and check handlers)', () => {
  it('lets the app’s own page write the clipboard, so Copy works', () => {
    expect(mayUsePermission('app', 'clipboard-sanitized-write', 'app://tokendesk', built)).toBe(true)
    expect(mayUsePermission('app', 'clipboard-sanitized-write', 'app://tokendesk/index.html', built)).toBe(
      true,
    )
    expect(mayUsePermission('app', 'clipboard-sanitized-write', 'http://localhost:5173', dev)).toBe(true)
  })

  it('denies every other permission, and the clipboard to any other origin or role', () => {
    for (const permission of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'hid',
    ])
      expect(mayUsePermission('app', permission, 'app://tokendesk', built), permission).toBe(false)
    expect(mayUsePermission('app', 'clipboard-sanitized-write', 'https://evil.example', built)).toBe(false)
    expect(mayUsePermission('app', 'clipboard-sanitized-write', 'app://evil', built)).toBe(false)
    expect(mayUsePermission('app', 'clipboard-sanitized-write', '', built)).toBe(false)
    expect(mayUsePermission('sign-in', 'clipboard-sanitized-write', 'https://login.example.com', built)).toBe(
      false,
    )
    expect(mayUsePermission('unknown', 'clipboard-sanitized-write', 'app://tokendesk', built)).toBe(false)
  })
})
