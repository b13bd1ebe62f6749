/** The Electron executable if it is installed (path.txt names it and it exists), else null. */
export function findElectronBinary(): string | null

/** Runs Electron's own installer; resolves to null when installed, else the reason in one sentence. */
export function installElectronRuntime(options?: {
  env?: NodeJS.ProcessEnv
  print?: (line: string) => void
}): Promise<string | null>
