import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** Source files under `root` (tests included: a test that closes a circle is one too), by path relative to `base`. */
export function sourceFiles(root: string): string[] {
  const files: string[] = []
  const pending = [root]
  while (pending.length) {
    const dir = pending.pop()!
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) pending.push(path)
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path)
    }
  }
  return files.sort()
}

/** Every relative import (value, type, re-export, dynamic) of each file, resolved to a file of the set. */
export function importGraph(files: string[], base: string): Map<string, string[]> {
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolveModule(resolve(dirname(file), name), known))
      .filter((target): target is string => target !== undefined)
    graph.set(relative(base, file), [...new Set(targets.map((target) => relative(base, target)))])
  }
  return graph
}

function resolveModule(path: string, known: Set<string>): string | undefined {
  const candidates = [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts'), join(path, 'index.tsx')]
  return candidates.find((candidate) => known.has(candidate) && existsSync(candidate))
}

/**
 * The import circles of a graph: Tarjan's strongly connected components (linear in files + imports,
 * iterative so a deep chain cannot overflow the stack), each with more than one file or a self-import.
 */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const circles: string[][] = []
  let next = 0
  for (const start of graph.keys()) {
    if (index.has(start)) continue
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }]
    index.set(start, next)
    low.set(start, next++)
    stack.push(start)
    onStack.add(start)
    while (work.length) {
      const frame = work[work.length - 1]!
      const edges = graph.get(frame.node) ?? []
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++]!
        if (!index.has(target)) {
          index.set(target, next)
          low.set(target, next++)
          stack.push(target)
          onStack.add(target)
          work.push({ node: target, edge: 0 })
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!))
      if (low.get(frame.node) !== index.get(frame.node)) continue
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== frame.node)
      if (component.length > 1 || edges.includes(frame.node)) circles.push(component.sort())
    }
  }
  return circles
}
