// import/: the numbered endnote list at the end of the text. "[n] source"
// starts note n; the lines after it that do not start with "[m]" are more
// sources of the same note. Sources are kept exactly as written: defanged
// URLs, page locators and plain-text sources are never touched here.
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {placeIn, type Line} from './lines.js'

export interface ImportedNote {
  readonly number: number
  /** The line of its "[n]". */
  readonly line: Line
  /** One per non-blank line, trimmed; none when "[n]" stands alone with no source. */
  readonly sources: string[]
}

/** "[12] https://...", "[12]: ...", "[12]. ..." and a bare "[12]". */
const noteStart = /^\[\s*([1-9]\d*)\s*\][:.]?(?:\s+|$)/

export function noteNumberOf(text: string): number | undefined {
  const match = noteStart.exec(text)
  return match ? Number(match[1]) : undefined
}

/**
 * Whether a line can open the endnote list: "[n]" and one source, not a
 * paragraph that happens to begin with a citation (prose cites more notes
 * or runs long without an address).
 */
export function opensNotes(text: string): boolean {
  const match = noteStart.exec(text)
  if (!match) return false
  const rest = text.slice(match[0].length)
  if (/\[\s*\d+\s*\]/.test(rest)) return false
  return rest.length <= 200 || /:\/\/|\sdot\s|\bwww\./i.test(rest)
}

export function readNotes(lines: readonly Line[], file: string): {notes: ImportedNote[]; diagnostics: Diagnostic[]} {
  const notes: ImportedNote[] = []
  const diagnostics: Diagnostic[] = []
  const first = new Map<number, number>()
  let current: {number: number; line: Line; sources: string[]} | undefined
  for (const line of lines) {
    if (line.text === '') continue
    const match = noteStart.exec(line.text)
    if (match) {
      const number = Number(match[1])
      const seen = first.get(number)
      if (seen !== undefined) diagnostics.push(diagnostic(file, 'import/duplicate-note', placeIn(line, 0, match[0].trimEnd().length), {number, first: seen}))
      else first.set(number, line.line)
      current = {number, line, sources: []}
      notes.push(current)
      const rest = line.text.slice(match[0].length).trim()
      if (rest !== '') current.sources.push(rest)
    } else {
      // The caller starts the list at a "[n]" line, so there is always a note to continue.
      current?.sources.push(line.text)
    }
  }
  return {notes, diagnostics}
}

/**
 * Note definitions: `[^n]: first source` and each further source on its own
 * line indented four spaces, as the archive's briefs write them (parse/
 * reads one source per line).
 */
export function formatNotes(notes: readonly ImportedNote[]): string {
  return notes
    .map((note) => {
      const [head, ...more] = note.sources
      const first = head === undefined ? `[^${note.number}]:` : `[^${note.number}]: ${head}`
      return [first, ...more.map((source) => `    ${source}`)].join('\n')
    })
    .join('\n')
}
