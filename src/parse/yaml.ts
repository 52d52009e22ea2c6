// YAML with positions: parses with the `yaml` package's Document API and a
// LineCounter so every value (and every key) can be traced back to its line
// and column, then maps zod issues onto the offending key.
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import type {Position} from 'unist'
import type {z} from 'zod'

export interface ParsedYaml {
  /** The plain value, or undefined when the YAML could not be read. */
  readonly value: unknown
  readonly errors: {reason: string; position: Position}[]
  /** Position of the node at a path (keys and indexes), or its nearest ancestor. */
  readonly placeOf: (path: readonly PropertyKey[], which?: 'key' | 'value') => Position
  /** Keys of the top-level map, with the position of each key. */
  readonly keyPositions: Record<string, Position>
}

export interface YamlOptions {
  /** Lines before the YAML text in its file (1 for frontmatter after `---`). */
  readonly lineOffset?: number
  /** Position to use for the document as a whole (e.g. the opening `---`). */
  readonly whole?: Position
}

/**
 * Parse YAML 1.2 (core schema): dates stay strings, never UTC `Date`s; alias
 * expansion is capped so an alias bomb is an error, not an out-of-memory.
 */
export function parseYaml(text: string, options: YamlOptions = {}): ParsedYaml {
  const lineCounter = new LineCounter()
  const lineOffset = options.lineOffset ?? 0
  const doc = parseDocument(text, {lineCounter, version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false})
  const toPos = (offset: number): {line: number; column: number; offset: number} => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: line + lineOffset, column: col, offset}
  }
  const range = (node: {range?: [number, number, number] | null} | null | undefined): Position | undefined =>
    node?.range ? {start: toPos(node.range[0]), end: toPos(node.range[1])} : undefined
  const whole = options.whole ?? {start: toPos(0), end: toPos(text.length)}

  const errors: {reason: string; position: Position}[] = doc.errors.map((error) => ({
    reason: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML',
    position: {start: toPos(error.pos[0]), end: toPos(error.pos[1])}
  }))

  let value: unknown
  if (errors.length === 0) {
    try {
      value = doc.toJS({maxAliasCount: 50})
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'cannot be read'
      errors.push({reason: /alias/i.test(reason) ? 'too many alias expansions (a YAML "alias bomb")' : reason, position: whole})
    }
  }

  const placeOf = (path: readonly PropertyKey[], which: 'key' | 'value' = 'value'): Position => {
    let node: unknown = doc.contents
    let best: Position = range(doc.contents) ?? whole
    for (let i = 0; i < path.length; i++) {
      const step = path[i]
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step))
        if (!pair) return best
        const last = i === path.length - 1
        const keyPos = range(pair.key as YamlNode)
        if (last && which === 'key' && keyPos) return keyPos
        node = pair.value
        best = range(pair.value as YamlNode | null) ?? keyPos ?? best
        // A key with no value points at the key itself.
        if (pair.value === null && keyPos) best = keyPos
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step]
        if (item === undefined) return best
        node = item
        best = range(item) ?? best
      } else {
        return best
      }
    }
    return best
  }

  const keyPositions: Record<string, Position> = {}
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      const pos = range(item.key)
      if (isScalar(item.key) && pos) keyPositions[String(item.key.value)] = pos
    }
  }
  return {value, errors, placeOf, keyPositions}
}

export interface IssueReport {
  readonly kind: 'unknown-key' | 'schema'
  readonly key: string
  readonly problem: string
  readonly fix: string
  readonly position: Position
}

/** Describe each zod issue at the line and column of the key it concerns. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], yaml: ParsedYaml, what: string): IssueReport[] {
  const reports: IssueReport[] = []
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key]
        reports.push({kind: 'unknown-key', key: pathName(path), problem: '', fix: '', position: yaml.placeOf(path, 'key')})
      }
      continue
    }
    const key = pathName(issue.path)
    const missing = issue.code === 'invalid_type' && issue.input === undefined
    const position = yaml.placeOf(missing ? issue.path.slice(0, -1) : issue.path, missing ? 'value' : 'value')
    reports.push({
      kind: 'schema',
      key,
      problem: missing ? `${what} has no "${key}", which is required.` : `"${key}" ${issue.message}.`,
      fix: missing ? `Add \`${key}:\` with its value.` : `Correct the value of "${key}".`,
      position
    })
  }
  return reports
}

function pathName(path: readonly PropertyKey[]): string {
  let out = ''
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`
    else out += out === '' ? String(step) : `.${String(step)}`
  }
  return out === '' ? '(document)' : out
}

export type {Document}
