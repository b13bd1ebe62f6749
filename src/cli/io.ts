import { randomBytes } from 'node:crypto'

/** Where a command reads and writes; injected so tests run commands in-process and read what they print. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<string>
  env: Readonly<Record<string, string | undefined>>
  /** Colors only for a terminal, and never when NO_COLOR is set (no-color.org). */
  color: boolean
  /** Opens a page in the user's browser (default: $BROWSER or the system's; tests play a browser). */
  openBrowser?: (url: string) => Promise<void>
}

export const EXIT_OK = 0
export const EXIT_REFUSED = 1
export const EXIT_INVALID_INPUT = 2
export const EXIT_NETWORK = 3

export interface Paint {
  bold: (text: string) => string
  dim: (text: string) => string
  red: (text: string) => string
  green: (text: string) => string
  yellow: (text: string) => string
}

/**
 * Paint writes a marker, not the escape sequence: `terminalSafe` turns exactly these markers into
 * colours and shows every other control character escaped. The marker holds a random nonce, so a
 * vendor's text cannot forge one.
 */
const MARKER_NONCE = randomBytes(8).toString('hex')
const marker = (code: number) => `\u0000${MARKER_NONCE}:${code}\u0000`

export function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `${marker(open)}${text}${marker(close)}` : text
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) }
}

/**
 * Characters a terminal acts on rather than shows: C0 controls but tab and line feed (ESC starts
 * clear-screen, OSC-8 links, cursor moves; a lone CR overwrites the line), DEL, C1 controls (U+009B
 * is CSI), and the bidi controls that reorder what is read (U+202A–202E, U+2066–2069, LRM, RLM, ALM).
 */
const TERMINAL_CONTROLS = new RegExp(
  String.raw`\u0000${MARKER_NONCE}:(\d+)\u0000|\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]`,
  'g',
)

/**
 * Every control character shown escaped (`\x1b`, `\u202e`), paint's own markers as colours. In JSON
 * output the escapes are JSON's own (`\u001b`), so the output still parses to the same values.
 */
export function escapeForTerminal(text: string, options: { json: boolean }): string {
  return text.replace(TERMINAL_CONTROLS, (match, colour: string | undefined) => {
    if (colour !== undefined) return `\u001b[${colour}m`
    if (match === '\r\n') return match
    const code = match.charCodeAt(0)
    const short = code < 0x100 && !options.json
    return `\\${short ? 'x' : 'u'}${code.toString(16).padStart(short ? 2 : 4, '0')}`
  })
}

/** The same io, writing through escapeForTerminal: every output path of the CLI, coloured or not. */
export function terminalSafe(io: CliIo, options: { json: boolean }): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(escapeForTerminal(text, options)),
    stderr: (text) => io.stderr(escapeForTerminal(text, options)),
  }
}
