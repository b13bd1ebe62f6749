import { claimGlossary } from '../../shared/claimGlossary'
import { describeExpiry } from '../../shared/time'
import { decodeToken } from '../../main/jwt/decode'
import { EXIT_OK, paint, type CliIo } from '../io'
import type { DecodedJwt } from '../../shared/jwt'

/** The verdicts the human output shows as words, as fields a script can test. */
function validityAt(decoded: DecodedJwt, nowMs: number): { expired: boolean; notYetValid: boolean } {
  const time = (claim: string) => decoded.times.find((t) => t.claim === claim)?.epochSeconds
  const exp = time('exp')
  const nbf = time('nbf')
  // RFC 7519 §4.1.4/§4.1.5: expired at exp itself; valid from nbf itself.
  return {
    expired: exp !== undefined && exp * 1000 <= nowMs,
    notYetValid: nbf !== undefined && nbf * 1000 > nowMs,
  }
}

/** `tokendesk decode TOKEN|-`: header, payload, times and warnings of a JWT. Nothing is sent anywhere. */
export async function decodeCommand(args: { token: string; json: boolean }, io: CliIo): Promise<number> {
  const text = args.token === '-' ? await io.readStdin() : args.token
  const decoded = decodeToken(text)
  if (args.json) {
    io.stdout(JSON.stringify({ ...decoded, ...validityAt(decoded, Date.now()) }, null, 2) + '\n')
    return EXIT_OK
  }
  const p = paint(io.color)
  const lines = [p.bold('Header'), JSON.stringify(decoded.header, null, 2), '', p.bold('Payload')]
  for (const [claim, value] of Object.entries(decoded.payload)) {
    const meaning = claimGlossary[claim]
    lines.push(`  ${claim}: ${JSON.stringify(value)}${meaning ? p.dim(`  — ${meaning}`) : ''}`)
  }
  if (decoded.times.length) lines.push('', p.bold('Times'))
  for (const time of decoded.times) {
    const relative = time.claim === 'exp' ? ` (${describeExpiry(time.epochSeconds, Date.now())})` : ''
    lines.push(`  ${time.claim}: ${time.iso}${relative}`)
  }
  for (const warning of decoded.warnings) lines.push(p.yellow(`warning: ${warning}`))
  io.stdout(lines.join('\n') + '\n')
  return EXIT_OK
}
