import { createHash } from 'node:crypto'

export type SignInPageKind = 'signed-in' | 'failed' | 'relay-fragment' | 'not-found'

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f5f7fb;color:#1b2430}
main{max-width:32rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgb(0 0 0/.08)}
h1{font-size:1.3rem;margin:0 0 .5rem}p{margin:.5rem 0}
@media (prefers-color-scheme:dark){body{background:#11161d;color:#e6edf3}main{background:#1b2430}}`

/** Browsers never send the fragment: this page posts it back to the listener (response_mode=fragment). */
const RELAY_SCRIPT = `if(location.hash.length>1){fetch(location.pathname,{method:'POST',headers:{'content-type':'application/x-www-form-urlencoded'},body:location.hash.slice(1)}).then(r=>r.text()).then(h=>{document.open();document.write(h);document.close()})}else{document.getElementById('m').textContent='This page is waiting for an answer from the sign-in page. You can close it.'}`

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * The pages the loopback listener shows in the user's browser: plain words, no external resources,
 * a CSP that allows only their own inline style (and the fragment relay's script).
 */
export function signInPage(kind: SignInPageKind, detail?: string): { html: string; csp: string } {
  const body = {
    'signed-in': `<h1>Signed in</h1><p>TokenDesk has the answer and is getting your token. You can close this tab and go back to TokenDesk.</p>`,
    failed: `<h1>Sign-in did not complete</h1><p>${escapeHtml(detail ?? 'The sign-in failed.')}</p><p>Go back to TokenDesk to see what to do.</p>`,
    'relay-fragment': `<h1>Finishing sign-in…</h1><p id="m">Passing the answer to TokenDesk.</p><script>${RELAY_SCRIPT}</script>`,
    'not-found': `<h1>Nothing here</h1><p>This address only receives one sign-in answer for TokenDesk.</p>`,
  }[kind]
  const scripts = kind === 'relay-fragment' ? ` 'self' ${sha256(RELAY_SCRIPT)}` : " 'none'"
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TokenDesk sign-in</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
    csp: `default-src 'none'; style-src ${sha256(STYLE)}; script-src${scripts}; connect-src 'self'; base-uri 'none'; form-action 'none'`,
  }
}
