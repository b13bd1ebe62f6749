import { describe, expect, it } from 'vitest'
import { basicAuth } from '../../../../tests/servers/clientHelpers'
import { createRecorder, parseBasic, parseForm, sendJson, startTestServer } from './testServer'

describe('test server harness', () => {
  it('parseForm decodes "+" as a space (URLSearchParams semantics)', () => {
    expect(parseForm('client_secret=s3cr+t&x=%2B')).toEqual({ client_secret: 's3cr t', x: '+' })
  })

  it('parseBasic urldecodes only when asked (RFC 6749 §2.3.1 vs plain Basic)', () => {
    const secret = 's3cr+t/=&%é'
    const encoded = basicAuth('a@b', secret, { urlencode: true })
    expect(parseBasic(encoded, { urldecode: true })).toEqual({ username: 'a@b', password: secret })
    const raw = basicAuth('a@b', secret, { urlencode: false })
    expect(parseBasic(raw, { urldecode: false })).toEqual({ username: 'a@b', password: secret })
    expect(parseBasic(raw, { urldecode: true })?.password).not.toBe(secret)
    expect(parseBasic('Bearer abc', { urldecode: true })).toBeNull()
  })

  it('records requests, caps bodies with 413 and closes itself when idle', async () => {
    const recorder = createRecorder()
    const server = await startTestServer(
      async (req, res) => {
        const { record } = await recorder.capture(req, 16)
        sendJson(res, 200, { form: record.form })
      },
      // Long enough that a loaded machine's gap between two requests never reaches it.
      { idleMs: 3_000 },
    )
    const ok = await fetch(`${server.url}/p?q=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=b+c',
    })
    expect(await ok.json()).toEqual({ form: { a: 'b c' } })
    expect(recorder.requests[0]).toMatchObject({
      method: 'POST',
      path: '/p',
      query: { q: '1' },
      body: 'a=b+c',
    })
    const big = await fetch(server.url, { method: 'POST', body: 'x'.repeat(100) })
    expect(big.status).toBe(413)
    // Timers fire in order: this one is set after the idle timer and for longer, so it runs after it.
    await new Promise((r) => setTimeout(r, 3_500))
    await expect(fetch(server.url)).rejects.toThrow()
  })
})
