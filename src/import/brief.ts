// import/: the plain-text form of a brief (as analysts paste it) → the
// archive's Markdown format. Pure: text and the region vocabulary in,
// Markdown and diagnostics out. Each step is its own module (layout, header,
// people, cutoff, headings, citations, notes, frontmatter); this one puts
// them in order and reports, at its input line, whatever it could not place.
import {diagnostic, sortDiagnostics, type Diagnostic} from '../diagnostics/diagnostic.js'
import type {Region} from '../parse/schema.js'
import {convertProse, proseMarkdown, stripCitations, type CitationMark} from './citations.js'
import {resolveCutoff} from './cutoff.js'
import {isoDay, longDate, parseIsoDay, type Day} from './dates.js'
import {escapeMarkdown} from './escape.js'
import {formatFrontmatter} from './frontmatter.js'
import {readHeader, type Field} from './header.js'
import {classifyLine, vocabulary} from './headings.js'
import {layout} from './layout.js'
import {placeIn, placeOfLine, splitLines, type Line} from './lines.js'
import {nameSeries} from './naming.js'
import {formatNotes, readNotes} from './notes.js'
import {parsePeople, type ParsedPerson} from './people.js'
import {creditLabels} from '../parse/figures.js'

export interface ImportOptions {
  readonly regions: readonly Region[]
  /** Publication day, YYYY-MM-DD; overrides a date written in the text. */
  readonly date?: string
  /** Series id (a slug), e.g. "china-taiwan". */
  readonly series?: string
  /** Overrides a Title line. */
  readonly title?: string
  /** Display path of the input: what diagnostics name. */
  readonly file: string
}

export interface ImportResult {
  readonly markdown: string
  readonly diagnostics: Diagnostic[]
  /** The publication day used, when there is one (the CLI names the output file after it). */
  readonly date?: string
  /** The series id used, when there is one. */
  readonly series?: string
}

export function importBrief(text: string, options: ImportOptions): ImportResult {
  const {file} = options
  if (text.trim() === '') return {markdown: '', diagnostics: [diagnostic(file, 'import/empty', undefined)]}
  const diagnostics: Diagnostic[] = []
  const vocab = vocabulary(options.regions)
  const parts = layout(splitLines(text), vocab)
  const header = readHeader(parts.header)
  const unplaced: Line[] = []
  for (const line of header.unplaced) {
    diagnostics.push(diagnostic(file, 'import/unplaced-text', placeOfLine(line), {where: 'header'}))
    unplaced.push(line)
  }

  const date = publicationDate(header.date, options, diagnostics)
  const naming = nameSeries(options.series, header.blurb?.value)
  const title = options.title ?? header.title?.value ?? madeUpTitle(naming.seriesName, date, diagnostics, file)
  const authors = people(header.authors, 'Authors', diagnostics, file)
  const editors = people(header.editors, 'Editors', diagnostics, file)
  const cutoff = cutoffOf(header.cutoff, date, diagnostics, file)
  if (!header.authors) diagnostics.push(diagnostic(file, 'import/missing-line', undefined, {label: 'Authors'}))
  if (!header.cutoff) diagnostics.push(diagnostic(file, 'import/missing-line', undefined, {label: 'Data Cutoff'}))
  if (parts.takeaways.length === 0) {
    diagnostics.push(
      diagnostic(file, 'import/missing-line', parts.takeawaysLine ? placeOfLine(parts.takeawaysLine) : undefined, {label: 'Key Takeaways'})
    )
  }

  const takeaways = parts.takeaways.map((item) => {
    const stripped = stripCitations(item.text)
    if (stripped.citations.length > 0) {
      const numbers = stripped.citations.map((mark) => `[${mark.number}]`).join(', ')
      diagnostics.push(diagnostic(file, 'import/takeaway-citation', placeOfLine(item.line), {numbers}))
    }
    return proseMarkdown(stripped.text, {lineStart: true})
  })

  // Body: region sections, topics and paragraphs, one paragraph per line.
  const blocks: string[] = []
  const cited: {mark: CitationMark; line: Line}[] = []
  let inRegion = false
  // The figure being read: its image line, then perhaps a Caption line and a credit line.
  let figure: {index: number; alt: string; url: string; caption?: string; credit?: string} | undefined
  for (const line of parts.body) {
    if (line.text === '') {
      // A figure's lines come together: after a blank line, "Source: ..." is a paragraph, not its credit.
      figure = undefined
      continue
    }
    if (figure && figure.credit === undefined) {
      const caption = /^Caption:\s*(.*)$/.exec(line.text)
      if (caption && figure.caption === undefined) {
        figure.caption = caption[1] ?? ''
        blocks[figure.index] = figureMarkdown(figure)
        continue
      }
      if (creditLine.test(line.text)) {
        const prose = convertProse(line.text, {lineStart: true})
        for (const mark of prose.citations) cited.push({mark, line})
        figure.credit = prose.markdown
        blocks[figure.index] = figureMarkdown(figure)
        continue
      }
    }
    figure = undefined
    const image = inRegion ? imageLine.exec(line.text) : null
    if (image) {
      figure = {index: blocks.length, alt: image[1] ?? '', url: image[2] ?? ''}
      blocks.push(figureMarkdown(figure))
      continue
    }
    const heading = classifyLine(line.text, vocab)
    if (heading.kind === 'group') continue
    if (heading.kind === 'region' || heading.kind === 'near-region') {
      if (heading.kind === 'near-region') {
        diagnostics.push(diagnostic(file, 'import/near-region', placeOfLine(line), {heading: line.text, suggestion: heading.suggestion}))
      }
      blocks.push(`## ${escapeMarkdown(line.text.replace(/\s+/g, ' '), {lineStart: false, headingEnd: true})}`)
      inRegion = true
    } else if (!inRegion) {
      diagnostics.push(diagnostic(file, 'import/unplaced-text', placeOfLine(line), {where: 'before-regions'}))
      unplaced.push(line)
    } else if (heading.kind === 'topic') {
      blocks.push(`### ${escapeMarkdown(line.text, {lineStart: false, headingEnd: true})}`)
    } else {
      const prose = convertProse(line.text, {lineStart: true})
      for (const mark of prose.citations) cited.push({mark, line})
      blocks.push(prose.markdown)
    }
  }

  const notes = readNotes(parts.notes, file)
  diagnostics.push(...notes.diagnostics)
  const defined = new Set(notes.notes.map((note) => note.number))
  for (const {mark, line} of cited) {
    if (!defined.has(mark.number)) diagnostics.push(diagnostic(file, 'import/missing-note', placeIn(line, mark.index, mark.length), {number: mark.number}))
  }

  const frontmatter = formatFrontmatter({
    title,
    ...(date === undefined ? {} : {date: isoDay(date)}),
    ...(cutoff === undefined ? {} : {cutoff}),
    ...(naming.seriesId === undefined ? {} : {series: naming.seriesId}),
    ...(header.blurb === undefined ? {} : {summary: header.blurb.value}),
    ...(authors === undefined ? {} : {authors}),
    ...(editors === undefined ? {} : {editors}),
    ...(header.tags === undefined ? {} : {tags: header.tags.value.split(/\s*,\s*/).filter((tag) => tag !== '')}),
    takeaways,
    // Read like a takeaway: prose, its Markdown characters escaped.
    corrections: header.corrections.map((entry) => ({date: isoDay(entry.day), text: proseMarkdown(entry.text.value, {lineStart: true})}))
  })
  const body = [...(unplaced.length > 0 ? [unplacedComment(unplaced)] : []), ...blocks, ...(notes.notes.length > 0 ? [formatNotes(notes.notes)] : [])]
  return {
    markdown: `${frontmatter}\n${body.join('\n\n')}\n`,
    diagnostics: sortDiagnostics(diagnostics),
    ...(date === undefined ? {} : {date: isoDay(date)}),
    ...(naming.seriesId === undefined ? {} : {series: naming.seriesId})
  }
}

/** A figure's image, as the plain-text edition writes it: `[Image: alt text] maps/kinmen.png`. */
const imageLine = /^\[Image:\s*(.*)\]\s+(\S+)$/
/** A figure's credit line (parse/figures.ts reads the same labels). */
const creditLine = new RegExp(`^(?:${creditLabels.join('|')}):`, 'i')

/**
 * The figure as parse/figures.ts reads one: the image alone in its
 * paragraph, its caption as the image's title, the credit on the next line.
 */
function figureMarkdown(figure: {alt: string; url: string; caption?: string; credit?: string}): string {
  const url = /[\s()<>]/.test(figure.url) ? `<${figure.url.replace(/[<>]/g, (ch) => encodeURIComponent(ch))}>` : figure.url
  const title = figure.caption === undefined ? '' : ` "${figure.caption.replace(/["\\]/g, '\\$&')}"`
  const image = `![${escapeMarkdown(figure.alt, {lineStart: false})}](${url}${title})`
  return figure.credit === undefined ? image : `${image}\n${figure.credit}`
}

/** --date wins over a date in the text; a disagreement is worth a look. */
function publicationDate(written: {day: Day; line: Line} | undefined, options: ImportOptions, diagnostics: Diagnostic[]): Day | undefined {
  if (options.date !== undefined) {
    const given = parseIsoDay(options.date)
    if (!given) {
      diagnostics.push(diagnostic(options.file, 'import/missing-date', undefined, {given: options.date}))
      return written?.day
    }
    if (written && isoDay(written.day) !== isoDay(given)) {
      diagnostics.push(diagnostic(options.file, 'import/date-mismatch', placeOfLine(written.line), {given: isoDay(given), found: isoDay(written.day)}))
    }
    return given
  }
  if (!written) diagnostics.push(diagnostic(options.file, 'import/missing-date', undefined, {}))
  return written?.day
}

function madeUpTitle(seriesName: string | undefined, date: Day | undefined, diagnostics: Diagnostic[], file: string): string {
  if (seriesName !== undefined) return date === undefined ? seriesName : `${seriesName}, ${longDate(date)}`
  const title = date === undefined ? 'Untitled brief' : `Brief, ${longDate(date)}`
  diagnostics.push(diagnostic(file, 'import/missing-title', undefined, {title}))
  return title
}

function people(field: Field | undefined, label: 'Authors' | 'Editors', diagnostics: Diagnostic[], file: string): ParsedPerson[] | undefined {
  if (!field) return undefined
  const parsed = parsePeople(field.value)
  for (const problem of parsed.problems) {
    const at = field.line.text.indexOf(problem.text, field.offset)
    const place = at === -1 ? placeIn(field.line, field.offset, field.value.length) : placeIn(field.line, at, problem.text.length)
    diagnostics.push(diagnostic(file, 'import/people', place, {label, text: problem.text, problem: problem.problem}))
  }
  return parsed.people
}

function cutoffOf(field: Field | undefined, date: Day | undefined, diagnostics: Diagnostic[], file: string): string | undefined {
  if (!field) return undefined
  const result = resolveCutoff(field.value, date === undefined ? undefined : isoDay(date))
  if ('value' in result) return result.value
  diagnostics.push(diagnostic(file, 'import/cutoff', placeIn(field.line, field.offset, field.value.length), {text: field.value, problem: result.problem}))
  return undefined
}

/**
 * Lines the importer could not place, kept where the analyst will see them:
 * a comment before the first region (parse/ allows comments there, and the
 * page never shows them). "-->" inside would end the comment early.
 */
function unplacedComment(lines: readonly Line[]): string {
  const shown = lines.map((line) => `line ${line.line}: ${line.text.replace(/--(!?)>/g, '-- $1>')}`)
  return ['<!-- sitrep import could not place these lines; move them where they belong, then delete this comment:', ...shown, '-->'].join('\n')
}
