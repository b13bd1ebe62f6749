/** What Help › Copy diagnostics puts on the clipboard for a support ticket. */
export interface DiagnosticsFacts {
  appVersion: string
  versions: { electron?: string; chrome?: string; node?: string }
  os: { platform: string; release: string; arch: string }
  encryption: { strength: string; backend: string }
  /** Already masked by the log. */
  logTail: string[]
}

export function diagnosticsReport(facts: DiagnosticsFacts): string {
  const { versions, os, encryption } = facts
  return [
    `TokenDesk ${facts.appVersion}`,
    `Electron ${versions.electron ?? 'n/a'} · Chromium ${versions.chrome ?? 'n/a'} · Node ${versions.node ?? 'n/a'}`,
    `OS ${os.platform} ${os.release} (${os.arch})`,
    `Secret encryption: ${encryption.backend} (${encryption.strength})`,
    '',
    `Last ${facts.logTail.length} log lines (secrets masked):`,
    ...(facts.logTail.length ? facts.logTail : ['(the log is empty)']),
  ].join('\n')
}
