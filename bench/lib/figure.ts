/** One line of the benchmark table: a ratio or a count, with the raw medians it came from. */
export interface Figure {
  /** The table section: "1. Token request", "5. CLI", … */
  section: string
  what: string
  /** The raw median (or count) of what is measured, and of its baseline. */
  measured: string
  baseline: string
  /** The ratio or count the goal is about: "1.04×", "1 request". */
  result: string
  goal: string
  /** null when the figure could not be measured on this machine; `note` says why. */
  met: boolean | null
  note?: string
}

/** A figure that could not be taken, kept in the table so a missing number is visible. */
export function notMeasured(section: string, what: string, goal: string, note: string): Figure {
  return { section, what, measured: '—', baseline: '—', result: '—', goal, met: null, note }
}
