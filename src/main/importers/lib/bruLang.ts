/**
 * Just enough of Bruno's `.bru` language to read OAuth 2.0 settings: a file is a list of blocks,
 * `name {` … `}` with the closing brace at the start of a line (lists use `[` … `]`). Dictionary blocks
 * hold `key: value` lines, the value running to the end of the line or, between `'''` lines, over
 * several lines; a leading `~` marks a disabled entry. Text blocks (bodies, scripts, docs) are kept
 * as raw lines and never read as dictionaries.
 */
export interface BruBlock {
  name: string
  /** 1-based line of the block's opening line, for error messages. */
  line: number
  lines: string[]
}

export interface BruPair {
  key: string
  value: string
  enabled: boolean
}

/** A `.bru` file that does not follow the block syntax; `line` is 1-based. */
export class BruSyntaxError extends Error {
  readonly line: number

  constructor(message: string, line: number) {
    super(message)
    this.name = 'BruSyntaxError'
    this.line = line
  }
}

const BLOCK_START = /^([A-Za-z][\w:.@-]*)\s*([{[])\s*$/
const EMPTY_BLOCK = /^([A-Za-z][\w:.@-]*)\s*(\{\s*\}|\[\s*\])\s*$/
const PAIR = /^\s*(~?)("[^"]*"|[^\s:]+)\s*:\s?(.*)$/
const MULTILINE_DELIMITER = "'''"

export function parseBruBlocks(text: string): BruBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const blocks: BruBlock[] = []
  let index = 0
  while (index < lines.length) {
    const line = lines[index]!
    const lineNumber = index + 1
    index++
    if (line.trim() === '') continue
    const empty = EMPTY_BLOCK.exec(line)
    if (empty) {
      blocks.push({ name: empty[1]!, line: lineNumber, lines: [] })
      continue
    }
    const start = BLOCK_START.exec(line)
    if (!start) {
      throw new BruSyntaxError(
        `Line ${lineNumber} is outside any block: "${line.trim().slice(0, 60)}".`,
        lineNumber,
      )
    }
    const closing = start[2] === '{' ? '}' : ']'
    const end = lines.findIndex((candidate, at) => at >= index && candidate.trimEnd() === closing)
    if (end === -1) {
      throw new BruSyntaxError(
        `The block "${start[1]}" opened on line ${lineNumber} is never closed.`,
        lineNumber,
      )
    }
    blocks.push({ name: start[1]!, line: lineNumber, lines: lines.slice(index, end) })
    index = end + 1
  }
  return blocks
}

/** The `key: value` entries of a dictionary block, in order. */
export function bruDictionary(block: BruBlock): BruPair[] {
  const pairs: BruPair[] = []
  for (let index = 0; index < block.lines.length; index++) {
    const match = PAIR.exec(block.lines[index]!)
    if (!match) continue
    const key = match[2]!.replace(/^"(.*)"$/, '$1')
    let value = match[3]!.trim()
    if (value === MULTILINE_DELIMITER) {
      const end = block.lines.findIndex((line, at) => at > index && line.trim() === MULTILINE_DELIMITER)
      const last = end === -1 ? block.lines.length : end
      // Bruno indents a multi-line value by four spaces inside its block.
      value = block.lines
        .slice(index + 1, last)
        .map((line) => line.replace(/^ {1,4}/, ''))
        .join('\n')
      index = last
    }
    pairs.push({ key, value, enabled: match[1] !== '~' })
  }
  return pairs
}

/** The enabled entries of a dictionary block as a record (a later key wins). */
export function bruRecord(block: BruBlock | undefined): Record<string, string> {
  const record: Record<string, string> = {}
  for (const pair of block ? bruDictionary(block) : []) if (pair.enabled) record[pair.key] = pair.value
  return record
}
