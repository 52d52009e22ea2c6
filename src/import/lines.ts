// import/: the pasted text as numbered lines. Every later step works on these
// so that whatever it reports points at the line (and column) of the input.
import type {Place} from '../diagnostics/diagnostic.js'

export interface Line {
  /** The line without its surrounding whitespace. */
  readonly text: string
  /** 1-based line number in the input. */
  readonly line: number
  /** 1-based column of `text`'s first character in the input. */
  readonly column: number
}

/** Every line of the input, blank ones included (their `text` is ''). */
export function splitLines(input: string): Line[] {
  return input.split(/\r\n|\r|\n/).map((raw, index) => {
    const lead = raw.length - raw.trimStart().length
    return {text: raw.trim(), line: index + 1, column: lead + 1}
  })
}

/** The whole of a line. */
export function placeOfLine(line: Line): Place {
  return {start: {line: line.line, column: line.column}, end: {line: line.line, column: line.column + line.text.length}}
}

/** A span of a line's text, by offset into `text`. */
export function placeIn(line: Line, start: number, length: number): Place {
  return {start: {line: line.line, column: line.column + start}, end: {line: line.line, column: line.column + start + length}}
}
