import { Buffer } from 'node:buffer'
import { formEncode } from '../../src/main/http/formEncoding'

/** Every way a secret may be written on the wire or in a record, to look for in what TokenDesk keeps. */
export function secretEncodings(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64')
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      formEncode(secret),
      base64,
      base64.replace(/=+$/, ''),
      Buffer.from(secret).toString('base64url'),
      JSON.stringify(secret).slice(1, -1),
    ]),
  ]
}

/** The encodings of any of the secrets found in `text` (empty when none leaked). */
export function leakedSecrets(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].flatMap((secret) => secretEncodings(secret).filter((form) => text.includes(form)))
}
