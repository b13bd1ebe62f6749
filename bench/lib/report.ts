import { writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import type { Figure } from './figure'
import type { Machine } from './machine'

const HOW_TO_READ = `**How to read.** Every result is a ratio against a baseline measured in the same run on the same
machine (or a count), so it means something on any machine; "measured" and "baseline" are the raw
medians it came from. "met" / **missed** compares the result with the goal; "not measured" says why.
Lower is better for ratios of times and sizes, except where the goal says "≥" (operations per second).
Regenerate with \`npm run bench\` (a few minutes; it builds what it measures if missing).`

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

export function resultsTable(figures: Figure[]): string {
  const lines = [
    '| Figure | Measured | Baseline | Result | Goal | Verdict |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  let section = ''
  for (const figure of figures) {
    if (figure.section !== section) {
      section = figure.section
      lines.push(`| **${cell(section)}** | | | | | |`)
    }
    const verdict =
      figure.met === null
        ? figure.result === '—'
          ? 'not measured'
          : 'no goal set'
        : figure.met
          ? 'met'
          : '**missed**'
    lines.push(
      `| ${cell(figure.what)} | ${cell(figure.measured)} | ${cell(figure.baseline)} | ${cell(figure.result)} | ${cell(figure.goal)} | ${verdict} |`,
    )
  }
  return lines.join('\n')
}

function notes(figures: Figure[]): string {
  const noted = figures.filter((figure) => figure.note)
  if (!noted.length) return ''
  return ['## Notes', '', ...noted.map((figure) => `- **${figure.what}**: ${figure.note}`)].join('\n')
}

export async function writeResults(
  directory: string,
  figures: Figure[],
  machine: Machine,
  run: { date: string; seconds: number },
): Promise<void> {
  const machineLine = `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}, Node.js ${machine.node} (${machine.platform}), load average ${machine.loadAverage} at the start. Run ${run.date}, ${run.seconds.toFixed(0)} s.`
  const met = figures.filter((figure) => figure.met === true).length
  const missed = figures.filter((figure) => figure.met === false).length
  const unmeasured = figures.filter((figure) => figure.result === '—').length
  const markdown = [
    '# TokenDesk benchmarks',
    '',
    machineLine,
    '',
    `${met} goals met, ${missed} missed, ${unmeasured} not measured, ${figures.length - met - missed - unmeasured} without a goal.`,
    '',
    resultsTable(figures),
    '',
    HOW_TO_READ,
    '',
    notes(figures),
    '',
  ].join('\n')
  const json = JSON.stringify({ machine, run, figures }, null, 2)
  // Written as `npm run lint` (prettier --check) expects them, so a fresh run never fails the lint.
  await writeFormatted(`${directory}/results.md`, markdown)
  await writeFormatted(`${directory}/results.json`, json)
}

async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {}
  writeFileSync(path, await format(text, { ...options, filepath: path }))
}
