// Reporters: pure functions from diagnostic records to text. `text` is for
// people (grouped by file, code frames, hints, a summary), `json` for tools
// (every problem), `github` for GitHub Actions annotations on the Markdown
// line; text and github show at most `maxPerRule` of one rule in one file.
import {countBySeverity, sortDiagnostics, type Diagnostic} from './diagnostic.js'

export type Format = 'text' | 'json' | 'github'
export const formats: readonly Format[] = ['text', 'json', 'github']

export interface TextOptions {
  /** ANSI colours; the CLI turns them on only for a terminal (and not under NO_COLOR). */
  readonly color?: boolean
  /** File text by path, for code frames; files missing here get no frame. */
  readonly sources?: ReadonlyMap<string, string>
  /**
   * Problems shown per rule and file (default 20); the rest of them are
   * counted in one line. A brief pasted with one mistake repeated can have
   * thousands of the same problem, and the first few say all there is to
   * fix. The summary still counts every problem; `json` lists every one.
   */
  readonly maxPerRule?: number
  /** The command that lists every problem, named where some are left out (default `check`). */
  readonly command?: string
}

/** Default of `maxPerRule`, for text and GitHub annotations. */
export const defaultMaxPerRule = 20

/**
 * Of sorted diagnostics, those to show (at most `max` per rule and file),
 * and for the last one shown of each rule and file, how many of that rule
 * and file were left out. Shared by the reporters and serve's error page.
 */
export function capped(sorted: readonly Diagnostic[], max: number): {shown: Diagnostic[]; omitted: Map<Diagnostic, number>} {
  const seen = new Map<string, number>()
  const lastShown = new Map<string, Diagnostic>()
  const shown: Diagnostic[] = []
  const left = new Map<string, number>()
  for (const d of sorted) {
    const group = `${d.file}\0${d.rule}`
    const count = (seen.get(group) ?? 0) + 1
    seen.set(group, count)
    if (count <= max) {
      shown.push(d)
      lastShown.set(group, d)
    } else left.set(group, (left.get(group) ?? 0) + 1)
  }
  const omitted = new Map<Diagnostic, number>()
  for (const [group, count] of left) {
    const last = lastShown.get(group)
    if (last) omitted.set(last, count)
  }
  return {shown, omitted}
}

/** The line that stands for the problems `capped` left out after `d`. */
export function omittedLine(d: Diagnostic, more: number): string {
  return `… and ${more.toLocaleString('en')} more ${d.rule} in ${d.file}, not shown.`
}

/** Code frames over `sources`, each file's text split into lines once, however many problems it has. */
export function codeFrames(sources: ReadonlyMap<string, string> | undefined): (d: Diagnostic) => string {
  const lines = new Map<string, readonly string[] | undefined>()
  return (d) => {
    if (!lines.has(d.file)) lines.set(d.file, sources?.get(d.file)?.split('\n'))
    return codeFrame(lines.get(d.file), d)
  }
}

const paint = (on: boolean) => (code: number, text: string) => (on ? `\u001B[${code}m${text}\u001B[39m` : text)

export function formatText(list: readonly Diagnostic[], options: TextOptions = {}): string {
  const color = paint(options.color === true)
  const dim = (text: string) => (options.color === true ? `\u001B[2m${text}\u001B[22m` : text)
  const sorted = sortDiagnostics(list)
  const {shown, omitted} = capped(sorted, options.maxPerRule ?? defaultMaxPerRule)
  const frameOf = codeFrames(options.sources)
  const lines: string[] = []
  let currentFile: string | undefined
  for (const d of shown) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push('')
      lines.push(color(4, d.file))
      currentFile = d.file
    }
    const severity = d.severity === 'error' ? color(31, 'error') : color(33, 'warning')
    lines.push(`${d.file}:${d.line}:${d.column}  ${severity}  ${d.message}  ${dim(d.rule)}`)
    const frame = frameOf(d)
    if (frame !== '') lines.push(frame)
    lines.push(`  ${color(36, 'hint')}: ${d.hint}`)
    const more = omitted.get(d)
    if (more !== undefined) lines.push(dim(`  ${omittedLine(d, more)}`))
  }
  const {errors, warnings} = countBySeverity(sorted)
  const files = new Set(sorted.map((d) => d.file)).size
  if (lines.length > 0) lines.push('')
  lines.push(
    errors + warnings === 0
      ? 'No problems found.'
      : `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(files, 'file')}.`
  )
  return lines.join('\n') + '\n'
}

/** The offending line with one line of context before it and a caret under the span. */
export function codeFrame(text: string | readonly string[] | undefined, d: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): string {
  if (text === undefined) return ''
  const all = typeof text === 'string' ? text.split('\n') : text
  const line = all[d.line - 1]
  if (line === undefined) return ''
  const width = String(d.line).length
  const show = (n: number, content: string, mark: boolean) =>
    `${mark ? '>' : ' '} ${String(n).padStart(width)} | ${content.replace(/\r$/, '').replace(/\t/g, ' ').slice(0, 160)}`
  const out: string[] = []
  const before = all[d.line - 2]
  if (before !== undefined && d.line > 1) out.push(show(d.line - 1, before, false))
  out.push(show(d.line, line, true))
  const clean = line.replace(/\r$/, '')
  const endColumn = d.endLine === d.line && d.endColumn > d.column ? d.endColumn : clean.length + 1
  const span = Math.max(1, Math.min(endColumn, clean.length + 1, 161) - d.column)
  if (d.column <= 161) out.push(`  ${' '.repeat(width)} | ${' '.repeat(d.column - 1)}${'^'.repeat(span)}`)
  return out.join('\n')
}

/** A diagnostic as the JSON output gives it (its rule's data left out). */
export function jsonRecord(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    hint: d.hint
  }
}

export function formatJson(list: readonly Diagnostic[]): string {
  const sorted = sortDiagnostics(list)
  const {errors, warnings} = countBySeverity(sorted)
  return JSON.stringify({diagnostics: sorted.map(jsonRecord), errors, warnings}, null, 2) + '\n'
}

/**
 * Workflow commands; GitHub requires %, CR, LF (and `,` `:` in properties)
 * escaped. Capped per rule and file as the text is (`maxPerRule`): the
 * last annotation shown of a rule says how many more there are.
 */
export function formatGithub(list: readonly Diagnostic[], options: Pick<TextOptions, 'maxPerRule' | 'command'> = {}): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const prop = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
  const {shown, omitted} = capped(sortDiagnostics(list), options.maxPerRule ?? defaultMaxPerRule)
  return shown
    .map((d) => {
      const where = `file=${prop(d.file)},line=${d.line},col=${d.column},title=${prop(d.rule)}`
      const more = omitted.get(d)
      const tail = more === undefined ? '' : ` (And ${more.toLocaleString('en')} more ${d.rule} in this file: run sitrep ${options.command ?? 'check'} to see them.)`
      return `::${d.severity} ${where}::${data(`${d.message} ${d.hint}${tail}`)}\n`
    })
    .join('')
}

export function format(list: readonly Diagnostic[], kind: Format, options: TextOptions = {}): string {
  return kind === 'json' ? formatJson(list) : kind === 'github' ? formatGithub(list, options) : formatText(list, options)
}

/**
 * A count and its noun, singular for exactly one: "1 brief", "0 briefs",
 * "2 briefs". Every summary line of the reporters, the CLI and serve uses
 * it, so none says "1 briefs". `many` for a noun whose plural is not `word`+s.
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toString()} ${n === 1 ? word : many}`
}
