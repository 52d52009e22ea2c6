// Diagnostic records: plain data that says where (file, line, column, end),
// which rule, how bad, what happened and what to do. Stages collect them and
// return them; nothing is thrown. Exit codes are decided in cli/ only.
import type {Position} from 'unist'
import {catalogue, type RuleData, type RuleId, type Severity} from './catalogue.js'

interface DiagnosticBase {
  /** Path of the file, relative to the working directory, with `/` separators. */
  readonly file: string
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  readonly severity: Severity
  readonly message: string
  readonly hint: string
}

/** One record per finding; `rule` discriminates the shape of `data`. */
export type Diagnostic = {
  [R in RuleId]: DiagnosticBase & {readonly rule: R; readonly data: RuleData<R>}
}[RuleId]

/** Where a diagnostic points; unist positions (1-based lines and columns). */
export type Place = Pick<Position, 'start' | 'end'>

export const startOfFile: Place = {start: {line: 1, column: 1}, end: {line: 1, column: 1}}

export function diagnostic<R extends RuleId>(
  file: string,
  rule: R,
  place: Place | undefined,
  ...data: RuleData<R> extends Record<string, never> ? [] : [RuleData<R>]
): Diagnostic {
  const spec = catalogue[rule]
  const d = (data[0] ?? {}) as RuleData<R>
  const at = place ?? startOfFile
  // Each rule's functions accept exactly its own data; TypeScript cannot
  // correlate the generic R across the catalogue lookup, hence the casts.
  const message = (spec.message as (x: RuleData<R>) => string)(d)
  const hint = (spec.hint as (x: RuleData<R>) => string)(d)
  return {
    file,
    line: at.start.line,
    column: at.start.column,
    endLine: at.end.line,
    endColumn: at.end.column,
    severity: spec.severity,
    rule,
    data: d,
    message,
    hint
  } as Diagnostic
}

/** Stable order: by file, then position, then rule id. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  )
}

export function countBySeverity(list: readonly Diagnostic[]): {errors: number; warnings: number} {
  let errors = 0
  let warnings = 0
  for (const d of list) {
    if (d.severity === 'error') errors++
    else warnings++
  }
  return {errors, warnings}
}

/**
 * Append `items` to `list`. Not `list.push(...items)`: that passes each item
 * as an argument, and a brief with a hundred thousand problems (one pasted
 * mistake, repeated) overflowed the call stack.
 */
export function appendAll<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item)
}
