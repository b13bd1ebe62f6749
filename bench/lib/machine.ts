import { cpus, loadavg, totalmem } from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  memory: string
  node: string
  platform: string
  /** Other work on the machine when the run began (1-minute load average): ratios hold up under load, raw times do not. */
  loadAverage: number
}

export function describeMachine(): Machine {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
  }
}
