import fc from 'fast-check'

/** Pieces seen to break parsers: unclosed tags, long runs, prototype names, control characters. */
const HOSTILE_PIECES = [
  '<title>',
  '<h1>',
  '<',
  '&#x',
  '/',
  ' ',
  "'",
  '{{',
  '{%',
  '["',
  '-----BEGIN A-----',
  '\u001b[2J',
  '\u001b]8;;https://evil.example/\u0007',
  '\u202e',
  '\u0000',
  '\r',
  'constructor',
  '__proto__',
  '{"error":"constructor"}',
  'callback({"access_token":"x"})',
]

/** Text a hostile vendor or a damaged file might hold: random, or a piece repeated thousands of times. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .tuple(
      fc.constantFrom(...HOSTILE_PIECES),
      fc.integer({ min: 1, max: 20_000 }),
      fc.string({ maxLength: 20 }),
    )
    .map(([piece, times, tail]) => piece.repeat(times) + tail),
)

/** A secret no random text will contain by chance. */
export const secretValue: fc.Arbitrary<string> = fc
  .stringMatching(/^[A-Za-z0-9]{16}$/)
  .map((random) => `S3cr3t-${random}`)

/** Numbers a vendor may send for times: huge, negative, fractional, not numbers at all. */
export const vendorNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e300, 9e12, -1, 0, Number.MAX_SAFE_INTEGER, '99999999999999999999', '3600', '', null),
  fc.string({ maxLength: 10 }),
)

/** Throws unless `value` is plain data that crosses IPC unchanged. */
export function assertClonable(value: unknown): void {
  structuredClone(value)
}
