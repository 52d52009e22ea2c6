// import/: the header of the pasted text, before "Key Takeaways": labelled
// lines (Title, Date, Authors, Editors, Data Cutoff, Tags, "Corrected <date>:
// <text>" as the plain-text edition writes a correction), a line that is only a
// date or a title ending in one, and the series blurb (the one other line).
// What is left over is returned for the caller to report, never dropped.
import {findDay, wholeDay, type Day} from './dates.js'
import type {Line} from './lines.js'

export interface Field {
  readonly value: string
  readonly line: Line
  /** Offset of `value` in the line's text, for diagnostics that point at it. */
  readonly offset: number
}

export interface Header {
  title?: Field
  /** A day written in the header (Date line, a date-only line, or the end of the title). */
  date?: {readonly day: Day; readonly line: Line}
  authors?: Field
  editors?: Field
  cutoff?: Field
  /** "Tags: coast-guard, gray-zone", as the plain-text edition writes the frontmatter's tags. */
  tags?: Field
  blurb?: Field
  /** "Corrected March 11, 2024: An earlier version said ...", in the order written. */
  readonly corrections: {readonly day: Day; readonly text: Field}[]
  readonly unplaced: Line[]
}

type Label = 'title' | 'date' | 'authors' | 'editors' | 'cutoff' | 'tags'

const labelled = /^(title|date|published|authors?|editors?|data\s+cut-?\s?off|cut-?\s?off|tags)\s*:\s*/i
/** "Corrected March 11, 2024: ...": the day, then the text. */
const corrected = /^corrected\s+([^:]*\d{4})\s*:\s*/i

function labelOf(word: string): Label {
  const w = word.toLowerCase()
  if (w.startsWith('author')) return 'authors'
  if (w.startsWith('editor')) return 'editors'
  if (w === 'title') return 'title'
  if (w === 'tags') return 'tags'
  if (w === 'date' || w === 'published') return 'date'
  return 'cutoff'
}

export function readHeader(lines: readonly Line[]): Header {
  const header: Header = {corrections: [], unplaced: []}
  for (const line of lines) {
    if (line.text === '') continue
    const correction = corrected.exec(line.text)
    const correctionDay = correction ? wholeDay(correction[1] ?? '') : undefined
    if (correction && correctionDay && line.text.length > correction[0].length) {
      header.corrections.push({day: correctionDay, text: {value: line.text.slice(correction[0].length).trim(), line, offset: correction[0].length}})
      continue
    }
    const match = labelled.exec(line.text)
    if (match) {
      const field = {value: line.text.slice(match[0].length).trim(), line, offset: match[0].length}
      const label = labelOf(match[1] ?? '')
      if (label === 'date') {
        const day = findDay(field.value)
        if (day?.year !== undefined && (header.date === undefined || header.date.line === header.title?.line)) header.date = {day: {year: day.year, month: day.month, day: day.day}, line}
        else header.unplaced.push(line)
      } else if (header[label] === undefined && field.value !== '') {
        header[label] = field
        if (label === 'title') takeDateFromTitle(header, field.value, line)
      } else header.unplaced.push(line)
      continue
    }
    const day = wholeDay(line.text)
    if (day && header.date === undefined) {
      header.date = {day, line}
      continue
    }
    if (header.title === undefined && isTitleWithDate(line.text)) {
      header.title = {value: line.text, line, offset: 0}
      takeDateFromTitle(header, line.text, line)
      continue
    }
    if (header.blurb === undefined) header.blurb = {value: line.text, line, offset: 0}
    else header.unplaced.push(line)
  }
  return header
}

/** "China–Taiwan Weekly Update, February 22, 2024": short, not a sentence, ends in a full date. */
function isTitleWithDate(text: string): boolean {
  const day = findDay(text)
  return day?.year !== undefined && day.index + day.length === text.length && day.index > 0 && text.length <= 120 && !/[.!?]\s/.test(text)
}

function takeDateFromTitle(header: Header, title: string, line: Line): void {
  const day = findDay(title)
  if (day?.year !== undefined && day.index + day.length >= title.replace(/[\s.]+$/, '').length && header.date === undefined) {
    header.date = {day: {year: day.year, month: day.month, day: day.day}, line}
  }
}
