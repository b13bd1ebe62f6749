import { text } from 'node:stream/consumers'

/** The CLI's input and output as a terminal or a script sees them. */
export function processIo() {
  return {
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (chunk) => process.stderr.write(chunk),
    readStdin: () => text(process.stdin),
    env: process.env,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  }
}
