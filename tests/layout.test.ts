// The layout the pipeline promises, kept true: no import cycle among
// sitrep's modules (type imports and lazy imports count: a cycle of types
// is still a knot a reader must untie), and `sitrep check` never loads the
// writer or the renderer.
import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

interface Edge {
  readonly to: string
  /** A dynamic `import()`: loaded only when that code runs. */
  readonly lazy: boolean
  /** `import type`: nothing is loaded at run time. */
  readonly typeOnly: boolean
}

function modules(): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>()
  for (const folder of ['src', 'templates']) {
    for (const entry of readdirSync(path.join(root, folder), {recursive: true, withFileTypes: true})) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
      const file = path.join(entry.parentPath, entry.name)
      const text = readFileSync(file, 'utf8')
      const edges: Edge[] = []
      const specifier = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g
      const typeOnly = /^\s*(?:import|export)\s+type\b/
      for (const match of text.matchAll(specifier)) {
        const target = match[1] ?? match[2] ?? match[3]
        if (target === undefined) continue
        edges.push({
          to: path.relative(root, path.resolve(path.dirname(file), target.replace(/\.js$/, '.ts'))),
          lazy: match[2] !== undefined,
          typeOnly: typeOnly.test(match[0].trimStart())
        })
      }
      graph.set(path.relative(root, file), edges)
    }
  }
  return graph
}

/** Every cycle's modules (strongly connected components of more than one module, or a module importing itself). */
function cycles(graph: Map<string, Edge[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const {to} of graph.get(node) ?? []) {
      if (!graph.has(to)) continue
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0))
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0))
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = []
      let top: string | undefined
      do {
        top = stack.pop()
        if (top === undefined) break
        onStack.delete(top)
        component.push(top)
      } while (top !== node)
      const selfLoop = (graph.get(node) ?? []).some((edge) => edge.to === node)
      if (component.length > 1 || selfLoop) found.push(component.sort())
    }
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}

/** Modules loaded when `start` is, following static value imports only (lazy ones load on demand, types not at all). */
function loadedBy(graph: Map<string, Edge[]>, start: string): Set<string> {
  const seen = new Set<string>([start])
  const queue = [start]
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const edge of graph.get(node) ?? []) {
      if (edge.lazy || edge.typeOnly || seen.has(edge.to)) continue
      seen.add(edge.to)
      queue.push(edge.to)
    }
  }
  return seen
}

describe('the module layout', () => {
  const graph = modules()

  it('finds the modules it checks', () => {
    expect(graph.size).toBeGreaterThan(50)
    expect(graph.get('src/cli/main.ts')?.length).toBeGreaterThan(0)
  })

  it('has no import cycle in src/ or templates/', () => {
    expect(cycles(graph)).toEqual([])
  })

  it('sitrep check loads no parser up front: a warm check parses nothing', () => {
    // The schemas (zod), YAML and Markdown parsers are loaded lazily, by the
    // compile step and the site loader, only when something must be parsed:
    // loading them cost ~100 ms of a ~0.6 s warm check.
    const loaded = [...loadedBy(graph, 'src/cli/check.ts')]
    expect(loaded.filter((file) => /^src\/parse\/(schema|yaml|markdown|fast-markdown|site|brief)\.ts$/.test(file))).toEqual([])
  })

  it('sitrep check loads neither the renderer nor the writer', () => {
    const loaded = [...loadedBy(graph, 'src/cli/check.ts')]
    expect(loaded.filter((file) => /^src\/(render|write)\/|^templates\//.test(file))).toEqual([])
  })
})
