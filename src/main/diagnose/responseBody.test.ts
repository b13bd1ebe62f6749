import { describe, expect, it } from 'vitest'
import { MAX_QUOTED_TEXT, parseResponseBody } from './responseBody'

describe('parseResponseBody', () => {
  it('reads a title with attributes, nested tags and entities', () => {
    expect(
      parseResponseBody('<html><head><TITLE lang="en">Sign <b>in</b> &ndash; Contoso &amp; Co</TITLE>'),
    ).toEqual({ type: 'html', title: 'Sign in – Contoso & Co' })
  })

  it('falls back to the first heading, and does not take <titlebar> for <title>', () => {
    expect(parseResponseBody('<html><titlebar>x</titlebar><h1 class="e">502 Bad Gateway</h1>')).toEqual({
      type: 'html',
      title: '502 Bad Gateway',
    })
  })

  it('gives no title for a 1 MB page of repeated unclosed <title> and <h1> tags', () => {
    expect(parseResponseBody('<title><h1>'.repeat(100_000))).toEqual({ type: 'html', title: undefined })
  })

  it('reads a title made of a million unclosed "<" as empty', () => {
    expect(parseResponseBody(`<html><title>${'<'.repeat(1_000_000)}</title>`)).toEqual({
      type: 'html',
      title: undefined,
    })
  })

  it('reads a title only near the top of the page', () => {
    const late = `<html>${' '.repeat(100 * 1024)}<title>Too late</title>`
    expect(parseResponseBody(late)).toEqual({ type: 'html', title: undefined })
  })

  it('quotes the first words of a 16 MiB text body, white space collapsed', () => {
    const body = `Upstream   failed\n\n${'x '.repeat(8 * 1024 * 1024)}`
    const parsed = parseResponseBody(body)
    expect(parsed.type).toBe('text')
    const text = (parsed as { text: string }).text
    expect(text.startsWith('Upstream failed x x')).toBe(true)
    expect(text.length).toBe(MAX_QUOTED_TEXT)
    expect(text.endsWith('…')).toBe(true)
  })

  it('keeps entity decoding to well-formed entities on a page of "&#x" repeated', () => {
    const title = '&#x'.repeat(1000) + '41;'
    expect(parseResponseBody(`<title>${title}</title>`)).toEqual({
      type: 'html',
      title: `${'&#x'.repeat(99)}&#…`,
    })
  })

  it('reads a form-encoded answer, and treats an overlong one as text', () => {
    expect(parseResponseBody('error=invalid_client&error_description=bad').type).toBe('form')
    expect(parseResponseBody(`a=${'b'.repeat(70 * 1024)}`).type).toBe('text')
  })
})
