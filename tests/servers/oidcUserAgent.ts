import { oidcUser } from '../../src/main/sandbox/oidcProvider'

/**
 * A scripted "user in a browser" for oidc-provider's development interactions: plain `fetch` with
 * `redirect: 'manual'`, a small cookie jar, and HTML forms parsed from the pages (action + inputs) rather
 * than hard-coded paths. It submits every form the provider shows (auto-submitting form_post pages, the
 * device user-code confirmation, the login form, the consent form) until the flow ends.
 */

export interface TestUser {
  login: string
  password: string
}

const MAX_STEPS = 25

/**
 * Walks an authorization request through login and consent and returns the final redirect to the client
 * (its redirect_uri with `code` and `state`, or with `error`) without requesting it.
 */
export async function approveAuthorization(authorizeUrl: string, user: TestUser = oidcUser): Promise<URL> {
  const start = new URL(authorizeUrl)
  const redirectUri = start.searchParams.get('redirect_uri')
  const isClientRedirect = (url: URL): boolean =>
    redirectUri ? sameEndpoint(url, new URL(redirectUri)) : url.origin !== start.origin
  const agent = new Browser({ login: user.login, password: user.password })

  let page = await agent.open(start)
  for (let step = 0; step < MAX_STEPS; step++) {
    if (page.kind === 'redirect') {
      if (isClientRedirect(page.location)) return page.location
      page = await agent.open(page.location)
      continue
    }
    const form = page.form
    if (!form) throw new Error(describePage('authorization ended on a page without a form', page))
    // response_mode=form_post: the "redirect" is a self-submitting form aimed at the client.
    if (isClientRedirect(form.action)) {
      const url = new URL(form.action)
      for (const [name, value] of form.fields) url.searchParams.append(name, value)
      return url
    }
    page = await agent.submit(form, page)
  }
  throw new Error(`authorization did not finish within ${MAX_STEPS} steps`)
}

/**
 * RFC 8628 §3.3: opens `verification_uri_complete`, confirms the user code, signs in and consents, and
 * returns once the provider shows its final (success) page.
 */
export async function approveDeviceCode(
  verificationUriComplete: string,
  user: TestUser = oidcUser,
): Promise<void> {
  const start = new URL(verificationUriComplete)
  const userCode = start.searchParams.get('user_code') ?? ''
  // If the provider asks for the code instead of pre-filling it, type the one from the URI.
  const agent = new Browser({ login: user.login, password: user.password, user_code: userCode })

  let page = await agent.open(start)
  for (let step = 0; step < MAX_STEPS; step++) {
    if (page.kind === 'redirect') {
      if (page.location.origin !== start.origin) {
        throw new Error(`device flow redirected away from the provider, to ${page.location.href}`)
      }
      page = await agent.open(page.location)
      continue
    }
    if (page.status >= 400) throw new Error(describePage('device flow failed', page))
    if (!page.form) return // the success page: nothing left to submit
    page = await agent.submit(page.form, page)
  }
  throw new Error(`device flow did not finish within ${MAX_STEPS} steps`)
}

// ---------------------------------------------------------------------------------------------------------

type Page =
  | { kind: 'redirect'; url: URL; status: number; location: URL }
  | { kind: 'html'; url: URL; status: number; html: string; form: Form | undefined }

interface Form {
  action: URL
  method: 'GET' | 'POST'
  /** Successful controls in document order; names may repeat. */
  fields: [string, string][]
}

class Browser {
  private readonly jar = new CookieJar()
  private readonly seenForms = new Set<string>()

  /** `fill` gives a value to an empty field of that name (what the user types into the form). */
  constructor(private readonly fill: Record<string, string>) {}

  open(url: URL): Promise<Page> {
    return this.request(url, { method: 'GET' })
  }

  submit(form: Form, from: Page): Promise<Page> {
    // Every oidc-provider form is different (action uid, field set); seeing one again means it re-rendered
    // with an error (for example the device user-code form after a rejected code). Stop instead of looping.
    const signature = `${form.method} ${form.action.href} ${form.fields.map(([name]) => name).join(',')}`
    if (this.seenForms.has(signature))
      throw new Error(describePage('the provider showed the same form again', from))
    this.seenForms.add(signature)

    const body = new URLSearchParams(form.fields)
    if (form.method === 'GET') {
      const url = new URL(form.action)
      url.search = body.toString()
      return this.open(url)
    }
    return this.request(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
  }

  private async request(url: URL, init: RequestInit): Promise<Page> {
    const headers = new Headers(init.headers)
    const cookie = this.jar.header(url)
    if (cookie) headers.set('cookie', cookie)
    headers.set('accept', 'text/html')
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    this.jar.store(url, response.headers.getSetCookie())

    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      return { kind: 'redirect', url, status: response.status, location: new URL(location, url) }
    }
    const html = await response.text()
    return { kind: 'html', url, status: response.status, html, form: parseFirstForm(html, url, this.fill) }
  }
}

/** Cookies by name and path for one user agent; a cookie is returned to the origin that set it. */
class CookieJar {
  private readonly cookies = new Map<string, { origin: string; name: string; value: string; path: string }>()

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      let path = defaultPath(url)
      let expired = false
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=')
        const attributeValue = rest.join('=').trim()
        switch (key.trim().toLowerCase()) {
          case 'path':
            if (attributeValue.startsWith('/')) path = attributeValue
            break
          case 'max-age':
            if (Number(attributeValue) <= 0) expired = true
            break
          case 'expires':
            if (Date.parse(attributeValue) <= Date.now()) expired = true
            break
        }
      }
      const key = `${url.origin} ${name} ${path}`
      if (expired) this.cookies.delete(key)
      else this.cookies.set(key, { origin: url.origin, name, value, path })
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((cookie) => cookie.origin === url.origin && pathMatches(url.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length) // RFC 6265 §5.4: longer paths first
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ')
  }
}

/** RFC 6265 §5.1.4 */
function defaultPath(url: URL): string {
  const slash = url.pathname.lastIndexOf('/')
  return slash <= 0 ? '/' : url.pathname.slice(0, slash)
}

/** RFC 6265 §5.1.4 */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

function sameEndpoint(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname
}

// ---------------------------------------------------------------------------------------------------------
// Just enough HTML form parsing for the provider's own pages (regular, attribute values always quoted).

/**
 * The first form that submits something: its action, method and the controls a browser would send when
 * the user presses a nameless submit button ("Continue", "Sign-in"). Named buttons (e.g. oidc-provider's
 * `abort` button, associated through `form="..."`) are not pressed, so they are left out.
 */
function parseFirstForm(html: string, base: URL, fill: Record<string, string>): Form | undefined {
  const match = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html)
  if (!match) return undefined
  const attributes = parseAttributes(match[1] ?? '')
  const fields: [string, string][] = []
  for (const input of (match[2] ?? '').matchAll(/<(input|textarea|select)\b([^>]*)>/gi)) {
    const control = parseAttributes(input[2] ?? '')
    const name = control.get('name')
    if (!name || control.has('disabled')) continue
    const type = (control.get('type') ?? 'text').toLowerCase()
    if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue
    if ((type === 'checkbox' || type === 'radio') && !control.has('checked')) continue
    let value = control.get('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')
    if (value === '' && fill[name] !== undefined) value = fill[name]
    fields.push([name, value])
  }
  return {
    action: new URL(attributes.get('action') || base.href, base),
    method: attributes.get('method')?.toUpperCase() === 'POST' ? 'POST' : 'GET',
    fields,
  }
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>()
  for (const match of source.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    const name = (match[1] ?? '').toLowerCase()
    if (!attributes.has(name)) attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''))
  }
  return attributes
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, code: string) => {
    if (code[0] === '#') {
      const point =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10)
      return String.fromCodePoint(point)
    }
    return named[code.toLowerCase()] ?? entity
  })
}

function describePage(message: string, page: Page): string {
  if (page.kind === 'redirect') return `${message}: ${page.status} redirect to ${page.location.href}`
  const text = page.html
    .replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<details\b[\s\S]*?<\/details>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return `${message}: HTTP ${page.status} at ${page.url.href}: ${decodeEntities(text).slice(0, 500)}`
}
