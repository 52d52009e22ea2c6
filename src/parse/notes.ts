// Note definitions (`[^3]: https://...` plus continuation lines), read from
// the raw text line by line rather than by micromark: a note is a list of
// sources, one per line, kept exactly as written, and the notes are a fifth
// of a brief that micromark would otherwise tokenise character by character.
// The definitions are blanked out of the text handed to the Markdown parser
// (same length, same line breaks, so every position stays a file position).
// readNotes then turns the definitions into numbered notes of sources.
import type {Note} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {positiveInteger} from './citations.js'
import type {Locator} from './location.js'
import {classifySource} from './sources.js'

export interface RawDefinition {
  readonly label: string
  /** Offset of the `[` that opens the label. */
  readonly start: number
  /** Offset just after the label's `]:`. */
  readonly contentStart: number
  /** Offset after the last non-blank line of the definition. */
  readonly end: number
}

export interface ScannedNotes {
  readonly definitions: RawDefinition[]
  /** The text with every definition replaced by spaces (line breaks kept). */
  readonly prose: string
}

const definitionStart = /^ {0,3}\[\^([^\]\n]*)\]:/
const fence = /^ {0,3}(`{3,}|~{3,})/
/** Lines that start a new block end a lazy continuation. */
const blockStart = /^ {0,3}(?:#{1,6}(?:\s|$)|>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|`{3,}|~{3,}|<)/

export function scanNotes(value: string): ScannedNotes {
  const definitions: RawDefinition[] = []
  const lines: {start: number; end: number; text: string}[] = []
  for (let start = 0; start <= value.length; ) {
    let end = value.indexOf('\n', start)
    if (end === -1) end = value.length
    lines.push({start, end, text: value.slice(start, end).replace(/\r$/, '')})
    start = end + 1
  }

  let inFence: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    const fenceMatch = fence.exec(line.text)
    if (inFence !== undefined) {
      if (fenceMatch && fenceMatch[1]?.[0] === inFence[0] && (fenceMatch[1]?.length ?? 0) >= inFence.length) inFence = undefined
      continue
    }
    if (fenceMatch) {
      inFence = fenceMatch[1]
      continue
    }
    const match = definitionStart.exec(line.text)
    if (!match) continue
    const label = match[1] ?? ''
    const start = line.start + line.text.indexOf('[')
    let end = line.start + line.text.trimEnd().length
    // Continuation: indented lines, lazy (unindented) lines that start no
    // other block, and indented lines after a blank line.
    let j = i + 1
    for (; j < lines.length; j++) {
      const next = lines[j]
      if (!next) break
      if (next.text.trim() === '') {
        const after = lines.slice(j + 1).find((l) => l.text.trim() !== '')
        if (after && /^( {4}|\t)/.test(after.text) && !definitionStart.test(after.text)) continue
        break
      }
      if (definitionStart.test(next.text)) break
      if (!/^( {1,}|\t)/.test(next.text) && blockStart.test(next.text)) break
      end = next.start + next.text.trimEnd().length
    }
    definitions.push({label, start, contentStart: line.start + match[0].length, end})
    i = j - 1
  }

  if (definitions.length === 0) return {definitions, prose: value}
  let prose = ''
  let last = 0
  for (const definition of definitions) {
    const lineStart = value.lastIndexOf('\n', definition.start - 1) + 1
    prose += value.slice(last, lineStart) + value.slice(lineStart, definition.end).replace(/[^\r\n]/g, ' ')
    last = definition.end
  }
  return {definitions, prose: prose + value.slice(last)}
}

/**
 * The notes of the definitions, by number, each source classified and
 * placed; a definition whose label is no note number, or repeats one, is
 * reported and left out. `value` is the whole file (positions are its offsets).
 */
export function readNotes(file: string, value: string, definitions: readonly RawDefinition[], loc: Locator, diagnostics: Diagnostic[]): Map<number, Note> {
  const notes = new Map<number, Note>()
  const firstLine = new Map<string, number>()
  for (const definition of definitions) {
    const {label, start, end} = definition
    const labelPlace = loc.range(start, definition.contentStart)
    if (!positiveInteger.test(label)) {
      diagnostics.push(diagnostic(file, 'citation/invalid-label', labelPlace, {label}))
      continue
    }
    const number = Number(label)
    const seen = firstLine.get(label)
    if (seen !== undefined) {
      diagnostics.push(diagnostic(file, 'citation/duplicate-note', labelPlace, {number: label, first: seen}))
      continue
    }
    firstLine.set(label, labelPlace.start.line)
    notes.set(number, {number, sources: readSources(value, definition.contentStart, end, loc), uses: 0, position: loc.range(start, end)})
  }
  return notes
}

/** One source per non-blank line of the definition, exactly as written. */
function readSources(value: string, contentStart: number, end: number, loc: Locator): Note['sources'] {
  let offset = contentStart
  const sources = []
  for (const line of value.slice(contentStart, end).split('\n')) {
    const text = line.replace(/\r$/, '')
    const lead = text.length - text.trimStart().length
    const trimmed = text.trim()
    if (trimmed !== '') sources.push(classifySource(trimmed, loc.range(offset + lead, offset + lead + trimmed.length)))
    offset += line.length + 1
  }
  return sources
}
