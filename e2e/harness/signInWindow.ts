import type { BrowserContext, Page } from '@playwright/test'
import type { OpenSignInWindow } from '../../src/main/oauth'

/**
 * The embedded sign-in window played by a real Chromium page: every request goes past the sign-in
 * attempt first (as Electron's webRequest.onBeforeRequest does) and is aborted when it is the
 * redirect; navigations, load failures and page text are reported as the Electron window reports them.
 */
export function pageAsSignInWindow(
  context: BrowserContext,
  opened: (page: Page) => void = () => {},
): OpenSignInWindow {
  return (request, report) => {
    let page: Page | undefined
    let closedByApp = false
    void (async () => {
      page = await context.newPage()
      const current = page
      await current.route(/fonts\.googleapis|fonts\.gstatic/, (route) => route.abort())
      await current.route('**/*', async (route) => {
        const sent = route.request()
        const { cancel } = report({
          kind: 'before-request',
          url: sent.url(),
          method: sent.method(),
          formBody: sent.method() === 'POST' ? (sent.postData() ?? undefined) : undefined,
        })
        if (cancel) await route.abort('blockedbyclient')
        else await route.fallback()
      })
      current.on('framenavigated', (frame) => {
        if (frame === current.mainFrame()) report({ kind: 'did-navigate', url: frame.url() })
      })
      current.on('load', () => {
        void current
          .evaluate(() => (document.body?.innerText ?? '').slice(0, 20_000))
          .then((text) => report({ kind: 'page-text', url: current.url(), text }))
          .catch(() => undefined)
      })
      current.on('close', () => {
        if (!closedByApp) report({ kind: 'closed' })
      })
      opened(current)
      await current.goto(request.url).catch(() => undefined)
    })()
    return {
      close() {
        closedByApp = true
        void page?.close().catch(() => undefined)
      },
    }
  }
}
