// YAML with positions: parses with the `yaml` package's Document API and a
// LineCounter so every value (and every key) can be traced back to its line
// and column, then maps zod issues onto the offending key.
import {isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode} from 'yaml'
import type {Position} from 'unist'
import type {z} from 'zod'

export interface ParsedYaml {
  /** The plain value, or undefined when the YAML could not be read. */
  readonly value: unknown
  readonly errors: {reason: string; position: Position}[]
  /**
   * Position of the node at a path (keys and indexes), or its nearest
   * ancestor: its key, its value, or (`pair`) from the key to the end of the value.
   */
  readonly placeOf: (path: readonly PropertyKey[], which?: 'key' | 'value' | 'pair') => Position
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
  // logLevel 'error': the yaml package would otherwise print process warnings (e.g. for a map used as a key) on stderr.
  const doc = parseDocument(text, {lineCounter, version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, logLevel: 'error'})
  const toPos = (offset: number): {line: number; column: number; offset: number} => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: line + lineOffset, column: col, offset}
  }
  const range = (node: {range?: [number, number, number] | null} | null | undefined): Position | undefined =>
    node?.range ? {start: toPos(node.range[0]), end: toPos(node.range[1])} : undefined
  const whole = options.whole ?? {start: toPos(0), end: toPos(text.length)}

  // An unclosed quote or flow collection is noticed where the YAML ends;
  // point at the quote or bracket that opened it, on the offending key's line.
  const opener = (offset: number): number | undefined => {
    let found: number | undefined
    visit(doc, (_key, node) => {
      const open =
        (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) || (isCollection(node) && node.flow === true)
      const r = (node as {range?: [number, number, number] | null} | null)?.range
      if (open && r && r[0] < offset && offset <= r[2] && (found === undefined || r[0] > found)) found = r[0]
    })
    return found
  }
  const errors: {reason: string; position: Position}[] = []
  for (const error of doc.errors) {
    // The yaml package turns its own stack overflow on absurd nesting into errors at arbitrary offsets.
    if (/call stack/i.test(error.message)) {
      if (!errors.some((e) => e.position === whole)) errors.push({reason: 'it is nested too deeply to read', position: whole})
      continue
    }
    const start = error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT' ? (opener(error.pos[0]) ?? error.pos[0]) : error.pos[0]
    errors.push({
      reason: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML',
      position: start === error.pos[0] ? {start: toPos(error.pos[0]), end: toPos(error.pos[1])} : {start: toPos(start), end: toPos(start + 1)}
    })
  }

  let value: unknown
  if (errors.length === 0) {
    try {
      value = doc.toJS({maxAliasCount: 50})
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'cannot be read'
      errors.push({reason: /alias/i.test(reason) ? 'too many alias expansions (a YAML "alias bomb")' : reason, position: whole})
    }
  }

  const placeOf = (path: readonly PropertyKey[], which: 'key' | 'value' | 'pair' = 'value'): Position => {
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
        if (last && which === 'pair' && keyPos) return {start: keyPos.start, end: (range(pair.value as YamlNode | null) ?? keyPos).end}
        node = pair.value
        best = range(pair.value as YamlNode | null) ?? keyPos ?? best
        // A key with no value points at the key itself.
        const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.range?.[0] === pair.value.range?.[1])
        if (empty && keyPos) best = keyPos
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
    // zod 4 leaves `issue.input` out unless asked, so look in the YAML itself.
    const missing = issue.code === 'invalid_type' && issue.path.length > 0 && !hasPath(yaml.value, issue.path)
    if (issue.path.length === 0) {
      reports.push({
        kind: 'schema',
        key,
        problem: `${what} ${issue.message}.`,
        fix: `Rewrite ${what.replace(/^The /, 'the ')} as described in the README.`,
        position: yaml.placeOf([])
      })
      continue
    }
    reports.push({
      kind: 'schema',
      key,
      problem: missing ? `${what} has no "${key}", which is required.` : `"${key}" ${issue.message}.`,
      fix: missing ? `Add \`${key}:\` with its value.` : `Correct the value of "${key}".`,
      position: missing ? yaml.placeOf(issue.path.slice(0, -1)) : yaml.placeOf(issue.path, 'pair')
    })
  }
  return reports
}

/** Whether the plain value has something (even null) at a path of keys and indexes. */
function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let node = value
  for (const step of path) {
    if (node === null || typeof node !== 'object') return false
    if (!Object.prototype.hasOwnProperty.call(node, step)) return false
    node = (node as Record<PropertyKey, unknown>)[step]
  }
  return true
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
