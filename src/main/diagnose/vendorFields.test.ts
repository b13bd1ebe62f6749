import { describe, expect, it } from 'vitest'
import { parseResponseBody } from './responseBody'
import { vendorFields } from './vendorFields'

const fieldsOf = (body: string, contentType?: string) => vendorFields(parseResponseBody(body, contentType))

describe('vendorFields', () => {
  it('keeps Autovit’s human title and drops its empty human message', () => {
    const body = JSON.stringify({
      error: 'invalid_grant',
      error_description: 'Invalid partner credentials parameter',
      error_human_title: 'Niepoprawna wartość',
      error_human_message: '',
    })
    expect(fieldsOf(body)).toEqual({ error_human_title: 'Niepoprawna wartość' })
  })

  it('keeps Azure API Management’s message and statusCode', () => {
    const body =
      '{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." }'
    expect(fieldsOf(body)).toEqual({
      statusCode: '401',
      message:
        'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    })
  })

  it('reads RFC 7807 problem details', () => {
    const body = JSON.stringify({
      type: 'https://example.net/validation',
      title: 'Invalid client',
      detail: 'Unknown client_id',
      status: 401,
    })
    expect(fieldsOf(body, 'application/problem+json')).toEqual({
      title: 'Invalid client',
      detail: 'Unknown client_id',
    })
  })

  it('reads nested error objects and error lists', () => {
    expect(
      fieldsOf(
        JSON.stringify({
          error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' },
        }),
      ),
    ).toEqual({
      'error.code': 'InvalidAuthenticationToken',
      'error.message': 'Access token has expired.',
    })
    expect(
      fieldsOf(JSON.stringify({ errors: [{ message: 'Bad credentials' }, { message: 'ignored' }] })),
    ).toEqual({
      'errors[0].message': 'Bad credentials',
    })
    expect(fieldsOf(JSON.stringify({ errorMessage: 'Invalid key', error_message: '  ' }))).toEqual({
      errorMessage: 'Invalid key',
    })
  })

  it('keeps an `error` that is a sentence, not an RFC 6749 code', () => {
    expect(fieldsOf(JSON.stringify({ error: 'Invalid credentials supplied' }))).toEqual({
      error: 'Invalid credentials supplied',
    })
    expect(fieldsOf(JSON.stringify({ error: 'invalid_client' }))).toEqual({})
  })

  it('gives an HTML page’s title, decoded', () => {
    expect(
      fieldsOf('<html><head><title>\n  Access Denied &mdash; Example&#39;s gateway\n</title></head></html>'),
    ).toEqual({
      'page title': "Access Denied — Example's gateway",
    })
    expect(fieldsOf('<!DOCTYPE html><body><h1>Service <b>Unavailable</b></h1></body>')).toEqual({
      'page title': 'Service Unavailable',
    })
  })

  it('gives plain text, whitespace collapsed and shortened', () => {
    expect(fieldsOf('Unauthorized\n')).toEqual({ text: 'Unauthorized' })
    const long = fieldsOf('stack '.repeat(200)).text!
    expect(long.length).toBeLessThanOrEqual(300)
    expect(long.endsWith('…')).toBe(true)
  })

  it('has nothing to say about an empty body or a JSON string of spaces', () => {
    expect(fieldsOf('')).toEqual({})
    expect(fieldsOf('"   "')).toEqual({})
  })
})
