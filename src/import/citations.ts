// import/: citation marks in prose. "[12]" becomes "[^12]"; marks written
// next to each other ("[1] [2]", "[48],[49]", "[3, 4]", "[5–7]") become one run
// "[^1][^2]" with nothing between. A link written `[label](https://...)` (as
// the plain-text edition writes links) stays a link; everything else is
// escaped as prose.
import {escapeMarkdown, type EscapeOptions} from './escape.js'

export interface CitationMark {
  readonly number: number
  /** Offset into the source text of the bracket that holds it, and that bracket's length. */
  readonly index: number
  readonly length: number
}

export interface ConvertedProse {
  readonly markdown: string
  readonly citations: CitationMark[]
}

/** A bracket of note numbers: `[12]`, `[3, 4]`, `[5–7]`. */
const bracket = /\[\s*([1-9]\d*(?:\s*[,–-]\s*[1-9]\d*)*)\s*\]/g
/** What may stand between two marks of one run. */
const between = /^\s*,?\s*$/
/** A range larger than this is more likely a typo than fifty sources. */
const maxRange = 50

export function convertProse(text: string, options: {lineStart: boolean; headingEnd?: boolean}): ConvertedProse {
  const citations: CitationMark[] = []
  let markdown = ''
  const tokens = tokenise(text)
  for (const [i, token] of tokens.entries()) {
    if (token.kind === 'text') {
      // "[^3]:" at the start of a line would define note 3 instead of citing it.
      if (options.lineStart && i === 1 && tokens[0]?.kind === 'run' && token.value.startsWith(':')) markdown += '\\'
      markdown += proseMarkdown(token.value, {
        lineStart: options.lineStart && token.index === 0,
        ...(options.headingEnd === true && token.index + token.value.length === text.length ? {headingEnd: true} : {})
      })
    } else {
      citations.push(...token.marks)
      markdown += token.marks.map((mark) => `[^${mark.number}]`).join('')
    }
  }
  return {markdown, citations}
}

/**
 * A link as Markdown writes it, to an http(s) or mailto address without
 * spaces (parentheses only in balanced pairs, as in Wikipedia's addresses).
 * Only these schemes: anything else stays text, as pasted.
 */
const link = /\[([^[\]\n]+)\]\(((?:https?:\/\/|mailto:)[^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)\)/g

/** Prose without citation marks as Markdown: links kept, everything else escaped to read as written. */
export function proseMarkdown(text: string, options: EscapeOptions): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(link)) {
    out += escapeMarkdown(text.slice(last, match.index), {lineStart: options.lineStart && last === 0})
    out += `[${escapeMarkdown(match[1] ?? '', {lineStart: false})}](${match[2] ?? ''})`
    last = match.index + match[0].length
  }
  return out + escapeMarkdown(text.slice(last), {lineStart: options.lineStart && last === 0, ...(options.headingEnd === true ? {headingEnd: true} : {})})
}

/** `text` without its citation marks (and the space before them): for takeaways, which cannot cite. */
export function stripCitations(text: string): {text: string; citations: CitationMark[]} {
  const citations: CitationMark[] = []
  let stripped = ''
  for (const token of tokenise(text)) {
    if (token.kind === 'text') stripped += token.value
    else citations.push(...token.marks)
  }
  return {text: stripped.replace(/\s+([.,;:])/g, '$1').replace(/\s{2,}/g, ' ').trim(), citations}
}

type Token = {kind: 'text'; value: string; index: number} | {kind: 'run'; marks: CitationMark[]}

/** Prose and runs of citation marks, in order; what stands between two marks of a run is dropped. */
function tokenise(text: string): Token[] {
  const tokens: Token[] = []
  let last = 0
  for (const match of text.matchAll(bracket)) {
    const numbers = readNumbers(match[1] ?? '')
    if (numbers === undefined) continue
    const marks = numbers.map((number) => ({number, index: match.index, length: match[0].length}))
    const gap = text.slice(last, match.index)
    const previous = tokens.at(-1)
    if (previous?.kind === 'run' && between.test(gap)) previous.marks.push(...marks)
    else {
      if (gap !== '') tokens.push({kind: 'text', value: gap, index: last})
      tokens.push({kind: 'run', marks})
    }
    last = match.index + match[0].length
  }
  if (last < text.length || tokens.length === 0) tokens.push({kind: 'text', value: text.slice(last), index: last})
  return tokens
}

function readNumbers(inner: string): number[] | undefined {
  const numbers: number[] = []
  for (const part of inner.split(/\s*,\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part)
    if (range) {
      const from = Number(range[1])
      const to = Number(range[2])
      if (to <= from || to - from > maxRange) return undefined
      for (let n = from; n <= to; n++) numbers.push(n)
    } else numbers.push(Number(part))
  }
  return numbers
}
