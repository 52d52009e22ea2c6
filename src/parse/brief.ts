// parse/: one brief's text → the typed Brief AST, step by step: the
// frontmatter (split off, YAML with positions, checked by the schema: meta.ts),
// the notes (read line by line and blanked out of the prose: notes.ts), the
// guards against input that would exhaust the parser (guards.ts), the
// Markdown, its `##` region sections and `###` topics (sections.ts), the
// citations (citations.ts), the figures (figures.ts) and the takeaways
// (takeaways.ts). Rules about
// content (regions known, notes used, URLs valid) are validate/'s; rules
// across briefs are link/'s.
import type {Root} from 'mdast'
import type {Brief, CitationRef} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {resolveCitations} from './citations.js'
import {readFigures} from './figures.js'
import {splitFrontmatter} from './frontmatter.js'
import {deepest, deepPrefix, markupHeavy, markupLimits, maxNesting} from './guards.js'
import {locator, placeOf} from './location.js'
import {parseMarkdown} from './markdown.js'
import {readFrontmatter} from './meta.js'
import {readNotes, scanNotes} from './notes.js'
import {slug as slugSchema, type Frontmatter, type Limits, type Region} from './schema.js'
import {readSections} from './sections.js'
import {intendedSlug, slugFromFileName} from './slugs.js'
import {readTakeaways} from './takeaways.js'
import {parseYaml, type ParsedYaml} from './yaml.js'

/** What parse/ needs of a file: its display path and its text. */
export interface BriefFile {
  readonly file: string
  readonly value: string
  /**
   * The file's path inside the content folder (`briefs/2024/x.md`), which
   * figures' paths are resolved against. Default: `briefs/` and the file's
   * name (validate/'s `defaultContentPath`).
   */
  readonly contentPath?: string
}

/** The body of a brief: everything parse/ can read even when the frontmatter is broken. */
export type BriefBody = Pick<Brief, 'file' | 'sections' | 'citations' | 'notes'>

export interface ParseOutput {
  /** The brief, when its frontmatter is valid. */
  readonly brief?: Brief
  /**
   * The slug the file is published under, read as well as a broken
   * frontmatter allows (its `slug:` or the file name): links to a brief that
   * exists but has errors are not reported as links to a missing brief.
   */
  readonly slug?: string
  /** The body, whenever the file is text: validate/ checks it even when `brief` is missing. */
  readonly body?: BriefBody
  readonly diagnostics: Diagnostic[]
}

export interface ParseOptions {
  /** The region vocabulary; headings are resolved to region ids through it. Default: none (every section's `regionId` is ''). */
  readonly regions?: readonly Region[]
  /** Most notes and sources per note (default: site.yml's defaults). */
  readonly limits?: Limits
}

export function parseBriefSyntax(input: BriefFile, options: ParseOptions = {}): ParseOutput {
  const {file} = input
  // A byte order mark is no part of the text (load/ drops it; callers of the API may not).
  const value = input.value.startsWith('\uFEFF') ? input.value.slice(1) : input.value
  const diagnostics: Diagnostic[] = []
  if (value.trim() === '') return {diagnostics: [diagnostic(file, 'file/empty', undefined)]}

  const split = splitFrontmatter(value)
  let body = value
  let meta: Frontmatter | undefined
  let yaml: ParsedYaml | undefined
  if (split.kind === 'none') diagnostics.push(diagnostic(file, 'frontmatter/missing', undefined))
  else if (split.kind === 'unclosed') diagnostics.push(diagnostic(file, 'frontmatter/unclosed', split.open))
  else if (split.kind === 'engine') diagnostics.push(diagnostic(file, 'frontmatter/engine', split.open, {engine: split.engine}))
  else {
    body = split.body
    yaml = parseYaml(split.yaml, {lineOffset: split.lineOffset, whole: split.open})
    meta = readFrontmatter(file, yaml, diagnostics)
  }
  const intended = intendedSlug(file, meta ?? yaml?.value)
  // After an unclosed or foreign frontmatter nothing in the file can be trusted as body.
  if (split.kind === 'unclosed' || split.kind === 'engine') return {slug: intended, diagnostics}

  const parsedBody = parseBody(file, value, body, options, diagnostics)
  if (!parsedBody) return {slug: intended, diagnostics}
  if (!meta || !yaml) return {slug: intended, body: parsedBody, diagnostics}

  const slug = meta.slug ?? slugFromFileName(file)
  if (!slugSchema.safeParse(slug).success) {
    diagnostics.push(
      diagnostic(file, 'frontmatter/schema', undefined, {
        problem: `The file name gives no usable slug ("${slug}"), so the brief has no URL.`,
        fix: 'Rename the file with lowercase letters, digits and hyphens, or add `slug:` to the frontmatter.'
      })
    )
    return {body: parsedBody, diagnostics}
  }
  const placed = yaml // a const, so the closure below sees it narrowed
  const takeaways = readTakeaways(file, meta.takeaways, (index) => placed.placeOf(['takeaways', index]), diagnostics)
  const texts = readTakeaways(
    file,
    meta.corrections.map((entry) => entry.text),
    (index) => placed.placeOf(['corrections', index, 'text']),
    diagnostics
  )
  // A correction is of something published: it is made after the brief's day.
  meta.corrections.forEach((entry, index) => {
    if (entry.date <= meta.date) {
      diagnostics.push(
        diagnostic(file, 'correction/not-after-publication', placed.placeOf(['corrections', index, 'date'], 'pair'), {date: entry.date, published: meta.date})
      )
    }
  })
  if (!takeaways || !texts) return {slug, body: parsedBody, diagnostics}
  const corrections = texts.map((text, index) => ({...text, date: meta.corrections[index]?.date ?? meta.date}))
  const brief: Brief = {...parsedBody, slug, meta, metaPositions: yaml.keyPositions, takeaways, corrections}
  return {brief, slug, body: parsedBody, diagnostics}
}

/**
 * The body (`body` is the file's text with the frontmatter blanked out, so
 * its offsets are `value`'s): notes, then the guards, then the Markdown, its
 * sections, its citations and its figures. Undefined when a guard refused it.
 */
function parseBody(file: string, value: string, body: string, options: ParseOptions, diagnostics: Diagnostic[]): BriefBody | undefined {
  const loc = locator(value)
  // Notes are read line by line and blanked out of what micromark sees.
  const scanned = scanNotes(body)
  const notes = readNotes(file, value, scanned.definitions, loc, diagnostics)
  // Refuse absurd nesting before micromark, which takes seconds on it (a 1 MB list nested 1000 deep: 30 s).
  const deepLine = deepPrefix(scanned.prose, maxNesting)
  if (deepLine !== undefined) {
    diagnostics.push(diagnostic(file, 'body/too-deep', loc.range(deepLine, deepLine + 1), {limit: maxNesting}))
    return undefined
  }
  const heavy = markupHeavy(scanned.prose)
  if (heavy !== undefined) {
    diagnostics.push(diagnostic(file, 'body/too-much-markup', loc.range(heavy, heavy + 1), markupLimits))
    return undefined
  }
  const tree: Root = parseMarkdown(scanned.prose)
  const tooDeep = deepest(tree, maxNesting)
  if (tooDeep.depth > maxNesting) {
    diagnostics.push(diagnostic(file, 'body/too-deep', placeOf(tooDeep.node), {limit: maxNesting}))
    return undefined
  }

  const sections = readSections(file, tree, options.regions ?? [], diagnostics)
  const citations: CitationRef[] = []
  const uses = new Map<number, number>()
  sections.forEach((section, index) => {
    resolveCitations(section, {
      file,
      value,
      loc,
      notes,
      diagnostics,
      onCitation(number, position) {
        const use = (uses.get(number) ?? 0) + 1
        uses.set(number, use)
        citations.push({number, use, section: index, position})
        return use
      }
    })
    // After the citations: a credit line's citations are counted where they stand.
    readFigures(section, {value, loc})
  })
  for (const note of notes.values()) note.uses = uses.get(note.number) ?? 0
  return {file, sections, citations, notes: [...notes.values()].sort((a, b) => a.number - b.number)}
}
