// The fast path of parseMarkdown (parse/markdown.ts). Brief prose is almost
// all `##`/`###` headings and paragraphs of plain sentences with citations
// (`[^3]`) and the odd `*word*`; micromark tokenises every character of it
// through a state machine, which made it the largest cost of a cold build.
// This module builds the mdast of such text directly and must give exactly
// what remark-parse gives (positions included), so it only takes what it
// can prove is plain, and hands the rest to remark-parse, the reference:
//
// - Document level: a line that could start a construct whose meaning
//   crosses blank lines or is global (indented code, fences, HTML blocks,
//   block quotes, lists, link reference definitions, thematic breaks and
//   setext underlines, tables) sends the whole document to remark-parse.
//   Without those, CommonMark reads the document as independent blocks
//   separated by blank lines, each starting at column 1 with no container
//   open, and no reference can resolve because no definition exists.
// - Block level: a block of headings and paragraphs whose inline text has
//   nothing but plain characters, citations and isolated `*word*` emphasis
//   is built here; any other block is parsed alone by remark-parse and its
//   positions moved to where it sits (lines and offsets; columns are the same
//   because the block starts at column 1 either way).
//
// tests/parse/fast-markdown.test.ts is the proof: it compares both parsers on
// every sample brief and fixture, synthetic briefs and generated tricky input.
import type {Emphasis, Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent, Text} from 'mdast'
import type {Point} from 'unist'

/** The reference parser (remark-parse), used for what the fast path does not prove. */
export type ReferenceParser = (value: string) => Root

/**
 * What one call of the reference parser costs beyond its text, in characters
 * of text: micromark combines its constructs anew on every call, which takes
 * about as long as parsing 2 KB of prose.
 */
const referenceCallCost = 2000

/** How much took the fast path (for the benchmark and the tests). */
export interface FastPathStats {
  documents: number
  /** Documents handed whole to the reference parser (a cross-block construct, or too many unproven blocks). */
  fallbackDocuments: number
  /** Blank-line-separated blocks of the documents that took the fast path. */
  blocks: number
  /** Of those blocks, the ones parsed by the reference parser. */
  fallbackBlocks: number
}

export function emptyStats(): FastPathStats {
  return {documents: 0, fallbackDocuments: 0, blocks: 0, fallbackBlocks: 0}
}

export interface FastPathOptions {
  /** Counts what took the fast path. */
  readonly stats?: FastPathStats
  /** Cost of a reference call, in characters (tests set 0 to parse every unproven block alone). */
  readonly referenceCallCost?: number
}

/**
 * The mdast of `value` as remark-parse builds it, or undefined when the
 * document has a construct that crosses blocks or so many unproven blocks
 * that one reference call is cheaper (the caller then parses it whole).
 */
export function parseFast(value: string, reference: ReferenceParser, options: FastPathOptions = {}): Root | undefined {
  const {stats, referenceCallCost: callCost = referenceCallCost} = options
  if (stats) stats.documents++
  const {starts, ends} = splitLines(value)
  // Pass 1: the blocks, refusing cross-block constructs before any work is
  // done on a block. micromark skips a byte order mark without counting it
  // in offsets.
  const blocks = value.charCodeAt(0) === 0xfeff ? undefined : blocksOf(value, starts, ends)
  if (!blocks) {
    if (stats) stats.fallbackDocuments++
    return undefined
  }

  // Pass 2: build each block; the others are parsed alone by the reference,
  // unless that costs more than parsing the whole document once.
  const built: (RootContent[] | undefined)[] = []
  let cost = 0
  for (let b = 0; b < blocks.length; b += 2) {
    const first = blocks[b] ?? 0
    const last = blocks[b + 1] ?? 0
    const nodes = buildBlock(value, starts, ends, first, last)
    if (!nodes) cost += callCost + (ends[last] ?? 0) - (starts[first] ?? 0)
    built.push(nodes)
  }
  if (cost > callCost + value.length) {
    if (stats) stats.fallbackDocuments++
    return undefined
  }
  const children: RootContent[] = []
  for (let b = 0; b < blocks.length; b += 2) {
    const nodes = built[b / 2]
    if (stats) stats.blocks++
    if (nodes) {
      children.push(...nodes)
      continue
    }
    if (stats) stats.fallbackBlocks++
    const first = blocks[b] ?? 0
    const offset = starts[first] ?? 0
    for (const node of reference(value.slice(offset, ends[blocks[b + 1] ?? 0])).children) {
      shift(node, first, offset)
      children.push(node)
    }
  }
  const last = starts.length - 1
  return {
    type: 'root',
    children,
    position: {start: {line: 1, column: 1, offset: 0}, end: {line: last + 1, column: value.length - (starts[last] ?? 0) + 1, offset: value.length}}
  }
}

/**
 * The blocks (runs of non-blank lines) as first and last line of each,
 * flattened; undefined when a line may start a cross-block construct.
 */
function blocksOf(value: string, starts: number[], ends: number[]): number[] | undefined {
  const blocks: number[] = []
  let open = -1
  for (let l = 0; l < starts.length; l++) {
    const start = starts[l] ?? 0
    const end = ends[l] ?? 0
    let first = start
    while (first < end && isSpaceOrTab(value.charCodeAt(first))) first++
    if (first === end) {
      if (open !== -1) blocks.push(open, l - 1)
      open = -1
      continue
    }
    if (first > start || startsCrossBlockConstruct(value, start, end)) return undefined
    if (open === -1) open = l
  }
  if (open !== -1) blocks.push(open, starts.length - 1)
  return blocks
}

/** Start and content end of every line; CommonMark's line endings are LF, CR and CRLF. */
function splitLines(value: string): {starts: number[]; ends: number[]} {
  const starts = [0]
  const ends: number[] = []
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === 10 || c === 13) {
      ends.push(i)
      if (c === 13 && value.charCodeAt(i + 1) === 10) i++
      starts.push(i + 1)
    }
  }
  ends.push(value.length)
  return {starts, ends}
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/**
 * Whether a line (not blank, not indented) may start a construct that
 * reaches past its block or across the document. Errs towards yes.
 */
function startsCrossBlockConstruct(value: string, start: number, end: number): boolean {
  const c = value.charCodeAt(start)
  switch (c) {
    case 91: // [ a link reference definition, defined for the whole document
    case 60: // < HTML block
    case 96: // ` fence
    case 126: // ~ fence
    case 62: // > block quote
    case 124: // | a table, in case an extension is ever added
    case 0xfeff: // kept as text here, but skipped as a byte order mark by a block parsed alone
      return true
    case 45: // - list item, thematic break, setext underline
    case 43: // + list item
    case 42: {
      // * list item, thematic break
      const next = start + 1 < end ? value.charCodeAt(start + 1) : 32
      return isSpaceOrTab(next) || onlyBreakCharacters(value, start, end)
    }
    case 61: // = setext underline
    case 95: // _ thematic break
      return onlyBreakCharacters(value, start, end)
    default: {
      if (!isDigit(c)) return false
      // An ordered list item: 1-9 digits, `.` or `)`, then space, tab or the line end.
      let i = start
      while (i < end && i - start < 9 && isDigit(value.charCodeAt(i))) i++
      const marker = value.charCodeAt(i)
      if (marker !== 46 && marker !== 41) return false
      return i + 1 === end || isSpaceOrTab(value.charCodeAt(i + 1))
    }
  }
}

/** Whether a line has nothing but `-`, `=`, `*`, `_`, spaces and tabs: maybe a thematic break or a setext underline. */
function onlyBreakCharacters(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i)
    if (c !== 45 && c !== 61 && c !== 42 && c !== 95 && !isSpaceOrTab(c)) return false
  }
  return true
}

/** The nodes of lines first..last (one block), or undefined when it is not all plain headings and paragraphs. */
function buildBlock(value: string, starts: number[], ends: number[], first: number, last: number): RootContent[] | undefined {
  const out: RootContent[] = []
  // Inside a block only an ATX heading can interrupt a paragraph: every
  // other block start was refused at the document level.
  let paragraphStart = -1
  for (let l = first; l <= last; l++) {
    const depth = atxDepth(value, starts[l] ?? 0, ends[l] ?? 0)
    if (depth === 0) {
      if (paragraphStart === -1) paragraphStart = l
      continue
    }
    if (paragraphStart !== -1) {
      const paragraph = buildParagraph(value, starts, ends, paragraphStart, l - 1)
      if (!paragraph) return undefined
      out.push(paragraph)
      paragraphStart = -1
    }
    const heading = buildHeading(value, starts, ends, l, depth)
    if (!heading) return undefined
    out.push(heading)
  }
  if (paragraphStart !== -1) {
    const paragraph = buildParagraph(value, starts, ends, paragraphStart, last)
    if (!paragraph) return undefined
    out.push(paragraph)
  }
  return out
}

/** The level of the ATX heading a line opens (1 to 6 `#` then space, tab or the line end), else 0. */
function atxDepth(value: string, start: number, end: number): number {
  let i = start
  while (i < end && i - start < 7 && value.charCodeAt(i) === 35) i++
  const depth = i - start
  if (depth === 0 || depth > 6) return 0
  return i === end || isSpaceOrTab(value.charCodeAt(i)) ? depth : 0
}

function buildHeading(value: string, starts: number[], ends: number[], line: number, depth: number): Heading | undefined {
  const start = starts[line] ?? 0
  const end = ends[line] ?? 0
  let content = start + depth
  // Only spaces between the marker and the text (a tab expands by column).
  while (content < end && value.charCodeAt(content) === 32) content++
  // An empty heading, or a `#` at either end of the text, which may be (part
  // of) a closing sequence: left to the reference.
  if (content === end || value.charCodeAt(content) === 35 || value.charCodeAt(end - 1) === 35) return undefined
  if (content === start + depth) return undefined // a tab after the marker
  const children = buildPhrasing(value, starts, ends, line, line, content)
  if (!children) return undefined
  return {type: 'heading', depth: depth as Heading['depth'], children, position: {start: point(starts, line, start), end: point(starts, line, end)}}
}

function buildParagraph(value: string, starts: number[], ends: number[], first: number, last: number): Paragraph | undefined {
  const start = starts[first] ?? 0
  const children = buildPhrasing(value, starts, ends, first, last, start)
  if (!children) return undefined
  return {type: 'paragraph', children, position: {start: point(starts, first, start), end: point(starts, last, ends[last] ?? 0)}}
}

const plain = 0
const unsafe = 1
const star = 2
const bracket = 3
const bang = 4

/** What each ASCII character can start in CommonMark's inline syntax (others are plain). */
const asciiKind = (() => {
  const table = new Uint8Array(128)
  // Control characters: tabs expand by column, NUL becomes U+FFFD; line
  // endings never reach the table (they end the line).
  for (let c = 0; c < 32; c++) table[c] = unsafe
  // Escapes and hard breaks, code, `_` emphasis, autolinks and HTML,
  // character references, and a `]` that closes no citation.
  for (const c of '\\`_<>&]') table[c.charCodeAt(0)] = unsafe
  table[42] = star
  table[91] = bracket
  table[33] = bang
  return table
})()

/**
 * The text and emphasis from `from` on line `first` to the end of line
 * `last`, or undefined when anything in it may be more than text.
 */
function buildPhrasing(value: string, starts: number[], ends: number[], first: number, last: number, from: number): PhrasingContent[] | undefined {
  // Every `*` with its line; pairs (0, 1), (2, 3), ... are emphasis.
  const stars: number[] = []
  const starLines: number[] = []
  for (let l = first; l <= last; l++) {
    const end = ends[l] ?? 0
    // A space before a line ending is stripped or makes a hard break.
    if (value.charCodeAt(end - 1) === 32) return undefined
    // Emphasis is only taken within a line.
    if (stars.length % 2 === 1) return undefined
    for (let k = l === first ? from : (starts[l] ?? 0); k < end; k++) {
      const c = value.charCodeAt(k)
      if (c >= 128) continue
      const kind = asciiKind[c]
      if (kind === plain) continue
      if (kind === star) {
        stars.push(k)
        starLines.push(l)
      } else if (kind === bang) {
        // `!` means something only as the start of an image, `![`.
        if (value.charCodeAt(k + 1) === 91) return undefined
      } else if (kind === bracket) {
        // Inside emphasis a bracket would be one more thing to prove.
        if (stars.length % 2 === 1) return undefined
        const after = citationEnd(value, k, end)
        if (after === -1) return undefined
        k = after - 1
      } else {
        return undefined
      }
    }
  }
  if (stars.length % 2 === 1) return undefined
  for (let s = 0; s < stars.length; s += 2) {
    const open = stars[s] ?? 0
    const close = stars[s + 1] ?? 0
    // `*` followed by a letter or digit is left-flanking (it opens) and `*`
    // preceded by one is right-flanking (it closes), whatever is outside.
    // The nearest opener of each closer is then its pair: earlier pairs have
    // matched already, and single `*`s never meet the rule of three. Two `*`
    // in a row would be one run (strong), so they are refused.
    if (close - open < 2 || !isWordCharacter(value.charCodeAt(open + 1)) || !isWordCharacter(value.charCodeAt(close - 1))) return undefined
    if (stars[s + 2] === close + 1) return undefined
  }

  const out: PhrasingContent[] = []
  let cursor = from
  let cursorLine = first
  for (let s = 0; s < stars.length; s += 2) {
    const open = stars[s] ?? 0
    const close = stars[s + 1] ?? 0
    const line = starLines[s] ?? 0
    if (open > cursor) out.push(text(value, starts, cursor, cursorLine, open, line))
    const emphasis: Emphasis = {
      type: 'emphasis',
      children: [text(value, starts, open + 1, line, close, line)],
      position: {start: point(starts, line, open), end: point(starts, line, close + 1)}
    }
    out.push(emphasis)
    cursor = close + 1
    cursorLine = line
  }
  const end = ends[last] ?? 0
  if (end > cursor) out.push(text(value, starts, cursor, cursorLine, end, last))
  return out
}

/** Offset after a citation (`[^` 1-9 digits `]`) at `k` that stays text, else -1. */
function citationEnd(value: string, k: number, end: number): number {
  if (value.charCodeAt(k + 1) !== 94) return -1
  let i = k + 2
  while (i < end && i - k - 2 < 9 && isDigit(value.charCodeAt(i))) i++
  if (i === k + 2 || value.charCodeAt(i) !== 93) return -1
  // `(` would make it a link (a resource needs no definition). A following
  // `[` is fine: it is checked as a citation of its own, and a full reference
  // needs a definition, of which a fast-path document has none.
  const next = value.charCodeAt(i + 1)
  if (next === 40 || next === 58) return -1
  return i + 1
}

const letterOrNumber = /[\p{L}\p{N}]/u

/** A UTF-16 unit that micromark classifies as neither whitespace nor punctuation, for sure. */
function isWordCharacter(c: number): boolean {
  if (c < 128) return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  // micromark classifies code units, so a surrogate half is tested alone (and is not a letter).
  return letterOrNumber.test(String.fromCharCode(c))
}

/** A text node: micromark keeps line endings (LF, CR or CRLF) in the value. */
function text(value: string, starts: number[], start: number, startLine: number, end: number, endLine: number): Text {
  return {type: 'text', value: value.slice(start, end), position: {start: point(starts, startLine, start), end: point(starts, endLine, end)}}
}

/** Columns count UTF-16 units from 1, as micromark counts them. */
function point(starts: number[], line: number, offset: number): Point {
  return {line: line + 1, column: offset - (starts[line] ?? 0) + 1, offset}
}

/** Move a node parsed alone to its place: `lines` lines and `offset` units further on. */
function shift(node: Nodes, lines: number, offset: number): void {
  const position = node.position
  if (position) {
    // New points, in case the parser ever shares one between nodes.
    node.position = {start: shiftPoint(position.start, lines, offset), end: shiftPoint(position.end, lines, offset)}
  }
  if ('children' in node) for (const child of node.children) shift(child, lines, offset)
}

function shiftPoint(point: Point, lines: number, offset: number): Point {
  return point.offset === undefined
    ? {line: point.line + lines, column: point.column}
    : {line: point.line + lines, column: point.column, offset: point.offset + offset}
}
