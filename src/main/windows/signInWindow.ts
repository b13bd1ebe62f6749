import { app, BrowserWindow, session, type BrowserWindow as Window } from 'electron'
import { randomUUID } from 'node:crypto'
import { chainLeadsToExtraCa } from '../http/extraCaTrust'
import type { OpenSignInWindow } from '../oauth'
import { assignRole } from './webContentsGuard'

/** How much of a page's text is read to spot a refusal of embedded browsers. */
const PAGE_TEXT_LIMIT = 20_000

/** The remembered-sign-in partition of an integration ("remember my sign-in"). */
export const rememberedPartition = (integrationId: string) => `persist:sign-in-${safe(integrationId)}`

/**
 * The embedded authorize window: sandboxed, no preload, no Node, in a session partition of its own
 * per integration (in memory unless the integration remembers its sign-in). Every way a provider can
 * reach the redirect is reported to the sign-in attempt (src/main/oauth/signIn/embeddedSignIn.ts),
 * which decides; the redirect is cancelled before it loads. The title shows the page's origin and
 * whether it is https. Navigation and window.open are further bounded by the `sign-in` role's policy.
 */
export function electronSignInWindow(parent: () => Window | undefined): OpenSignInWindow {
  return (request, report) => {
    const partition = request.rememberSession
      ? rememberedPartition(request.integrationId)
      : `sign-in-${safe(request.integrationId)}-${randomUUID()}`
    const ownSession = session.fromPartition(partition)
    const window = new BrowserWindow({
      width: 520,
      height: 720,
      parent: parent(),
      title: request.title,
      autoHideMenuBar: true,
      webPreferences: {
        partition,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webviewTag: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    })
    const contents = window.webContents
    assignRole(contents, 'sign-in')

    ownSession.webRequest.onBeforeRequest((details, callback) => {
      if (details.webContentsId !== contents.id) return callback({})
      const bytes = details.uploadData?.[0]?.bytes
      const { cancel } = report({
        kind: 'before-request',
        url: details.url,
        method: details.method,
        formBody: bytes ? Buffer.from(bytes).toString('utf8') : undefined,
      })
      callback({ cancel })
    })
    // Custom-scheme redirects never reach webRequest: these events see them.
    contents.on('will-redirect', (event, url) => {
      if (report({ kind: 'will-redirect', url }).cancel) event.preventDefault()
    })
    contents.on('will-navigate', (event, url) => {
      if (report({ kind: 'will-navigate', url }).cancel) event.preventDefault()
    })
    contents.on('did-navigate', (_event, url) => {
      if (report({ kind: 'did-navigate', url }).cancel) contents.stop()
      else window.setTitle(`${request.title} — ${describeOrigin(url)}`)
    })
    contents.on('did-fail-load', (_event, _code, errorDescription, url, isMainFrame) =>
      report({ kind: 'did-fail-load', url, errorDescription, isMainFrame }),
    )
    contents.on('did-finish-load', () => {
      void contents
        .executeJavaScript(`(document.body && document.body.innerText || '').slice(0, ${PAGE_TEXT_LIMIT})`)
        .then((text: unknown) => report({ kind: 'page-text', url: contents.getURL(), text: String(text) }))
        .catch(() => undefined)
    })
    // The page's own title would hide the origin.
    window.on('page-title-updated', (event) => event.preventDefault())
    let closing = false
    window.on('closed', () => {
      if (!closing) report({ kind: 'closed' })
      if (!request.rememberSession) void ownSession.clearStorageData().catch(() => undefined)
    })

    // The integration's extra CA is trusted here as by the engine (its client certificate cannot be:
    // Chromium picks client certificates from the OS store only).
    const extraCa = request.extraCa
    if (extraCa)
      ownSession.setCertificateVerifyProc((check, callback) => {
        if (check.verificationResult === 'OK') return callback(-3) // Chromium already trusts it
        const chain: string[] = []
        for (
          let cert: Electron.Certificate | undefined = check.certificate;
          cert && chain.length < 8;
          cert = cert.issuerCert
        )
          chain.push(cert.data)
        callback(chainLeadsToExtraCa(chain, extraCa, check.hostname) ? 0 : -3)
      })
    // The integration's proxy applies here too; its credentials answer the proxy's 407 for this window only.
    const proxy = request.proxy
    const onLogin = (
      event: Electron.Event,
      asking: Electron.WebContents | null,
      _details: Electron.AuthenticationResponseDetails,
      authInfo: Electron.AuthInfo,
      callback: (username?: string, password?: string) => void,
    ) => {
      if (asking !== contents || !authInfo.isProxy || typeof proxy !== 'object' || !proxy.username) return
      event.preventDefault()
      callback(proxy.username, proxy.password ?? '')
    }
    app.on('login', onLogin)
    window.on('closed', () => app.off('login', onLogin))
    const proxyReady =
      proxy === 'none'
        ? ownSession.setProxy({ mode: 'direct' })
        : proxy
          ? ownSession.setProxy({ proxyRules: new URL(proxy.url).host })
          : Promise.resolve()
    // A failed load is reported by did-fail-load.
    void proxyReady.then(() => window.loadURL(request.url)).catch(() => undefined)
    return {
      close() {
        closing = true
        if (!window.isDestroyed()) window.close()
      },
    }
  }
}

/** "Sign out / clear session": empties an integration's remembered sign-in. */
export async function clearRememberedSignIn(integrationId: string): Promise<void> {
  await session.fromPartition(rememberedPartition(integrationId)).clearStorageData()
}

function describeOrigin(url: string): string {
  try {
    const { protocol, host } = new URL(url)
    return protocol === 'https:' ? `🔒 ${host}` : `${host} (not encrypted: ${protocol.replace(':', '')})`
  } catch {
    return url
  }
}

/** Partition names are free text in Electron; keep ours to a safe alphabet. */
function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)
}
