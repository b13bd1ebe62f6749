import electronLog from 'electron-log/node'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One log file in the user-data folder, rotated at about 1 MiB into tokendesk.old.log (2 MiB in all). */
const MAX_LOG_BYTES = 1024 ** 2
const LOG_FILE_NAME = 'tokendesk.log'
/** A line longer than this is cut: a vendor's page must not fill the log. */
const MAX_LINE_LENGTH = 2000

export interface AppLog {
  readonly path: string
  info(line: string): void
  warn(line: string): void
  error(line: string): void
  /** The last `count` lines written, oldest first (for Help › Copy diagnostics). */
  tail(count: number): string[]
}

/**
 * The app's log, through electron-log's file transport (rotation, atomic appends). Every line goes
 * through `mask` first — the same value masker exchanges are recorded with — so no secret reaches the
 * file in any encoding. Nothing is printed to the console from here.
 */
export function createAppLog(directory: string, mask: (line: string) => string): AppLog {
  const logger = electronLog.create({ logId: `tokendesk:${directory}` })
  const path = join(directory, LOG_FILE_NAME)
  logger.transports.console.level = false
  Object.assign(logger.transports.file, {
    level: 'info',
    maxSize: MAX_LOG_BYTES,
    resolvePathFn: () => path,
    format: '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}',
    writeOptions: { flag: 'a', mode: 0o600, encoding: 'utf8' },
  })
  const write = (level: 'info' | 'warn' | 'error') => (line: string) => logger[level](oneLine(mask(line)))
  return {
    path,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    tail(count) {
      if (!existsSync(path)) return []
      const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean)
      return lines.slice(-count).map(mask)
    },
  }
}

/** Newlines from vendor text would let one entry pose as several. */
function oneLine(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ⏎ ')
  return flat.length > MAX_LINE_LENGTH ? `${flat.slice(0, MAX_LINE_LENGTH)}… (cut)` : flat
}
