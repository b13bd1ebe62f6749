/** Where a command reads and writes; injected so tests run commands in-process and read what they print. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<string>
  env: Readonly<Record<string, string | undefined>>
  /** Colors only for a terminal, and never when NO_COLOR is set (no-color.org). */
  color: boolean
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

export function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) }
}
