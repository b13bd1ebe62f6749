import { spawn } from 'node:child_process'

/**
 * Opens a page in the user's default browser: the program named by $BROWSER when set (the usual
 * convention), else `open` (macOS), `start` (Windows) or `xdg-open`. Never waits for the browser and
 * never fails the command: the URL is printed too, for another device or a browser that did not open.
 */
export function openInDefaultBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const [command, ...args] = env['BROWSER']
    ? [env['BROWSER'], url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url]
  return new Promise((resolve) => {
    try {
      const child = spawn(command!, args, {
        stdio: 'ignore',
        detached: true,
        env: { ...process.env, ...env },
      })
      child.once('error', () => resolve())
      child.once('spawn', () => {
        child.unref()
        resolve()
      })
    } catch {
      resolve()
    }
  })
}
