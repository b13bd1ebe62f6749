import type { TokenEngine } from '../../main/oauth'
import { runCli } from '../main'

/** Runs the CLI in-process, as `tokendesk …` would, and returns what it printed and its exit code. */
export async function runCliForTest(
  argv: string[],
  options: {
    stdin?: string
    env?: Record<string, string>
    engine?: TokenEngine
    onStderr?: (text: string) => void
    /** Plays the user's browser for `login`. */
    openBrowser?: (url: string) => Promise<void>
  } = {},
) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(
    argv,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => {
        stderr += text
        options.onStderr?.(text)
      },
      readStdin: async () => options.stdin ?? '',
      // In-process tests never touch the developer's own keychain; the spawned-CLI tests use a real one.
      env: { TOKENDESK_KEYCHAIN: 'off', ...options.env },
      color: false,
      openBrowser: options.openBrowser,
    },
    options.engine,
  )
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> }
}
