import { cpus, totalmem } from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  memory: string
  node: string
  platform: string
}

export function describeMachine(): Machine {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  }
}
