// parse/: one brief's text → the typed Brief AST. Owns the frontmatter
// (YAML with positions, validated by the zod schema), the body's structure
// (`##` region sections, `###` topics) and the footnotes (numbered notes and
// the citations that reference them). Rules about content (regions known,
// notes used, URLs valid) are validate/'s; rules across briefs are link/'s.
import path from 'node:path'
import type {Heading, Nodes, Parent, PhrasingContent, Root, RootContent, Text} from 'mdast'
import type {Position} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {Brief, Citation, CitationRef, Note, RegionSection, Takeaway, Topic} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {closest} from '../diagnostics/suggest.js'
import {splitFrontmatter} from './frontmatter.js'
import {locator, type Locator} from './location.js'
import {parseMarkdown} from './markdown.js'
import {frontmatterKeys, frontmatterSchema, person, slug as slugSchema, type Frontmatter, type Limits, type Region} from './schema.js'
import {classifySource} from './sources.js'
import {scanNotes} from './notes.js'
import {normaliseText} from './text.js'
import {describeIssues, parseYaml, type ParsedYaml} from './yaml.js'

/** What parse/ needs of a file: its display path and its text. */
export interface BriefFile {
  readonly file: string
  readonly value: string
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

// At most nine digits: a note number, never a count the checker could be made to walk up to.
const positiveInteger = /^[1-9]\d{0,8}$/

/**
 * Deepest nesting of Markdown (quotes in lists in emphasis ...) that is
 * checked and rendered: real briefs nest a few levels, and every later stage
 * walks the tree recursively, so a deeper tree is refused, not a stack overflow.
 */
export const maxNesting = 100

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
  const takeaways: Takeaway[] = []
  for (const [index, markdown] of meta.takeaways.entries()) {
    const place = yaml.placeOf(['takeaways', index])
    // The same guards as the body's, before the parser sees the text.
    const heavy = markupHeavy(markdown) !== undefined
    const takeaway = !heavy && deepPrefix(markdown, maxNesting) === undefined ? readTakeaway(markdown, place) : undefined
    if (takeaway) takeaways.push(takeaway)
    else if (heavy) diagnostics.push(diagnostic(file, 'body/too-much-markup', place, markupLimits))
    else diagnostics.push(diagnostic(file, 'body/too-deep', place, {limit: maxNesting}))
  }
  if (takeaways.length < meta.takeaways.length) return {slug, body: parsedBody, diagnostics}
  const brief: Brief = {...parsedBody, slug, meta, metaPositions: yaml.keyPositions, takeaways}
  return {brief, slug, body: parsedBody, diagnostics}
}

/** The frontmatter's `slug:` when it is one, else the slug of the file name. */
function intendedSlug(file: string, frontmatter: unknown): string {
  if (frontmatter !== null && typeof frontmatter === 'object' && 'slug' in frontmatter && slugSchema.safeParse(frontmatter.slug).success) {
    return String(frontmatter.slug)
  }
  return slugFromFileName(file)
}

/**
 * Offset where a line's container prefix (block quotes, list markers, and
 * indentation at four columns a level) first nests past `limit`, if any line's does.
 */
function deepPrefix(text: string, limit: number): number | undefined {
  for (let start = 0; start < text.length; ) {
    let i = start
    let levels = 0
    let indent = 0
    let crossed: number | undefined
    for (;;) {
      const c = text[i]
      let width = 1
      if (c === ' ') indent++
      else if (c === '\t') indent += 4
      else if (c === '>') levels++
      else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        levels++
        width = 2 // the space a list marker needs is not indentation
      } else {
        const marker = /^\d{1,9}[.)][ \t]/.exec(text.slice(i, i + 12))
        if (!marker) break
        levels++
        width = marker[0].length
      }
      if (crossed === undefined && levels + Math.floor(indent / 4) > limit) crossed = i
      i += width
    }
    // Blank lines (the blanked-out frontmatter among them) nest nothing, and
    // a line of spaced dashes or stars is a thematic break; but markers with
    // nothing after them still nest (`> > > ...` alone made micromark quadratic).
    const c = text[i]
    const rest = c === undefined || c === '\n' || c === '\r'
    if (crossed !== undefined && (!rest || (levels > 0 && !isThematicBreak(text, start, i)))) return crossed
    const end = text.indexOf('\n', i)
    if (end === -1) break
    start = end + 1
  }
  return undefined
}

/**
 * Most markup in one paragraph. micromark slows down with the square of
 * some of it: 8,000 `[a]` in a paragraph took a second, 40,000 `\\[` two
 * (it merges the text between markers one splice at a time), and a 2 MiB
 * brief of either would take hours. Real paragraphs hold a handful of
 * each; these limits leave room for a dense list of links and a page of
 * emphasis, and bound the worst brief to seconds.
 */
export const markupLimits = Object.freeze({
  /** Square brackets that could open a link, an image or a reference (not `\\[`, not citations `[^n]`). */
  brackets: 200,
  /** Characters that start inline markup: `[ \\ * _ \` < &`. */
  markers: 1000
})

/** The offset of the first bracket or marker past its limit in one run of non-blank lines, if any. */
function markupHeavy(text: string): number | undefined {
  let brackets = 0
  let markers = 0
  let blank = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 13) {
      if (blank) brackets = markers = 0
      blank = true
      continue
    }
    if (c !== 32 && c !== 9) blank = false
    if (c === 91 /* [ */ || c === 92 /* \\ */ || c === 42 /* * */ || c === 95 /* _ */ || c === 96 /* ` */ || c === 60 /* < */ || c === 38 /* & */) {
      if (++markers > markupLimits.markers) return i
      // `\\[` is text, and `[^n]` a citation: neither opens anything.
      if (c === 91 && text.charCodeAt(i - 1) !== 92 && text.charCodeAt(i + 1) !== 94 && ++brackets > markupLimits.brackets) return i
    }
  }
  return undefined
}

/** Whether the line from `start` to `end` is only `-`, `*` or `_` (three or more, one kind) and spaces: a thematic break. */
function isThematicBreak(text: string, start: number, end: number): boolean {
  return /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(text.slice(start, end))
}

/** The deepest node of a tree, found without recursion; stops early past `limit`. */
function deepest(tree: Root, limit: number): {depth: number; node: Nodes} {
  let found: {depth: number; node: Nodes} = {depth: 0, node: tree}
  const stack: {node: Nodes; depth: number}[] = [{node: tree, depth: 0}]
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.depth > found.depth) found = top
    if (found.depth > limit) break
    if ('children' in top.node) for (const child of top.node.children) stack.push({node: child, depth: top.depth + 1})
  }
  return found
}

export function slugFromFileName(file: string): string {
  return toSlug(path.basename(file, path.extname(file)))
}

/** Lowercase ASCII letters and digits joined by single hyphens, accents dropped. */
function toSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function readFrontmatter(file: string, yaml: ParsedYaml, diagnostics: Diagnostic[]): Frontmatter | undefined {
  if (yaml.errors.length > 0) {
    for (const error of yaml.errors) diagnostics.push(diagnostic(file, 'frontmatter/yaml-syntax', error.position, {reason: error.reason}))
    return undefined
  }
  const result = frontmatterSchema.safeParse(yaml.value ?? {})
  if (result.success) return result.data
  for (const report of describeIssues(result.error.issues, yaml, 'The frontmatter')) {
    if (report.kind === 'unknown-key') {
      // A key inside an author or editor ("authors[0].orgg") is compared with the keys of a person.
      const nested = /[.\]]/.test(report.key)
      const name = report.key.replace(/^.*[.\]]/, '')
      const known = nested ? Object.keys(person.shape) : frontmatterKeys
      const suggestion = closest(name, known)
      diagnostics.push(
        diagnostic(file, 'frontmatter/unknown-key', report.position, {
          key: report.key,
          ...(suggestion === undefined ? {} : {suggestion}),
          ...(nested ? {known: known.join(', ')} : {})
        })
      )
    } else {
      diagnostics.push(diagnostic(file, 'frontmatter/schema', report.position, {problem: report.problem, fix: report.fix}))
    }
  }
  return undefined
}

function readTakeaway(markdown: string, position: Position): Takeaway | undefined {
  const tree = parseMarkdown(markdown)
  if (deepest(tree, maxNesting).depth > maxNesting) return undefined
  const content: PhrasingContent[] = []
  for (const block of tree.children) {
    if (block.type === 'paragraph' || block.type === 'heading') {
      if (content.length > 0) content.push({type: 'text', value: ' '})
      content.push(...block.children)
    } else if (block.type === 'html') {
      // Kept so that check can report it; render never shows raw HTML.
      content.push(block)
    } else {
      // Anything else (a list marker, a quote) is kept as its text, never dropped.
      if (content.length > 0) content.push({type: 'text', value: ' '})
      content.push({type: 'text', value: toString(block)})
    }
  }
  stripPositions(content)
  return {markdown, content, text: normaliseText(toString({type: 'paragraph', children: content})), position}
}

function stripPositions(nodes: Nodes[]): void {
  for (const node of nodes) {
    delete node.position
    if ('children' in node) stripPositions(node.children)
  }
}

function parseBody(file: string, value: string, body: string, options: ParseOptions, diagnostics: Diagnostic[]): BriefBody | undefined {
  const loc = locator(value)
  const notes = new Map<number, Note>()
  const firstLine = new Map<string, number>()

  // Notes are read line by line and blanked out of what micromark sees.
  const scanned = scanNotes(body)
  for (const definition of scanned.definitions) {
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

  const sections: RegionSection[] = []
  const citations: CitationRef[] = []
  const regionLookup = lookupTable(options.regions ?? [])
  let current: RegionSection | undefined
  const topicIds = new Set<string>()

  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) {
      const heading = normaliseText(toString(node))
      current = {
        type: 'regionSection',
        regionId: regionLookup.get(heading.toLowerCase()) ?? '',
        heading,
        headingPosition: placeOf(node),
        topics: [],
        children: [],
        position: placeOf(node)
      }
      topicIds.clear()
      sections.push(current)
      continue
    }
    if (node.type === 'heading' && node.depth === 1) {
      diagnostics.push(diagnostic(file, 'heading/level', placeOf(node), {depth: 1}))
      if (!current) continue
    }
    if (!current) {
      // HTML comments are notes to self; validate/ does not report them either.
      if (!(node.type === 'html' && isComment(node.value)) && node.type !== 'definition') {
        diagnostics.push(diagnostic(file, 'region/outside-section', placeOf(node), {kind: kindName(node)}))
      }
      continue
    }
    if (node.type === 'heading' && node.depth === 3) current.topics.push(readTopic(node, topicIds))
    current.children.push(node)
    if (node.position && current.position.end.offset !== undefined) current.position = {start: current.position.start, end: node.position.end}
  }

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
  })
  for (const note of notes.values()) note.uses = uses.get(note.number) ?? 0
  return {file, sections, citations, notes: [...notes.values()].sort((a, b) => a.number - b.number)}
}

/** One source per non-blank line of the definition, exactly as written. */
function readSources(value: string, contentStart: number, end: number, loc: Locator) {
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

function readTopic(node: Heading, ids: Set<string>): Topic {
  const title = normaliseText(toString(node))
  const base = slugify(title) || 'topic'
  let id = base
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`
  ids.add(id)
  return {title, id, position: placeOf(node)}
}

/** A slug for an id, at most 60 characters. */
export function slugify(text: string): string {
  return toSlug(text).slice(0, 60).replace(/-$/, '')
}

interface CitationContext {
  file: string
  value: string
  loc: Locator
  notes: Map<number, Note>
  diagnostics: Diagnostic[]
  onCitation(number: number, position: Position): number
}

/** `[^12]`, not preceded by a backslash. */
const citationPattern = /(?<!\\)\[\^([^\]\s]*)\]/g
/** The same in the source text, where the closing bracket may be escaped (`[^1\]`). */
const rawCitationPattern = /(?<!\\)\[\^([^\]\s\\]*)\\?\]/g

/** Turn every `[^N]` in text into a citation node; report those that name no note. */
function resolveCitations(parent: Parent, context: CitationContext): void {
  let changed = false
  const out: RootContent[] = []
  for (const child of parent.children) {
    if (child.type === 'text' && child.value.includes('[^')) {
      const parts = splitCitations(child, context)
      if (parts) {
        out.push(...parts)
        changed = true
        continue
      }
    } else if ('children' in child) {
      resolveCitations(child, context)
    }
    out.push(child)
  }
  if (changed) parent.children = out
}

function splitCitations(node: Text, context: CitationContext): RootContent[] | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  // Offsets within the node are file offsets only when the text was written
  // literally (no escapes or character references); otherwise positions fall back to the node's.
  const literal = start !== undefined && end !== undefined && context.value.slice(start, end) === node.value
  const out: RootContent[] = []
  let last = 0
  const raw = start !== undefined && end !== undefined ? context.value.slice(start, end) : node.value
  // Written escaped (`\[^1]`), a label is text: the raw source shows no
  // unescaped form of it. Found in one pass (a search per citation was
  // quadratic in a long run of escaped ones).
  const unescaped = literal ? undefined : new Set(Array.from(raw.matchAll(rawCitationPattern), (m) => m[1] ?? ''))
  for (const match of node.value.matchAll(citationPattern)) {
    const label = match[1] ?? ''
    if (unescaped !== undefined && !unescaped.has(label)) continue
    const place =
      literal && start !== undefined ? context.loc.range(start + match.index, start + match.index + match[0].length) : placeOf(node)
    const number = Number(label)
    if (!positiveInteger.test(label)) {
      context.diagnostics.push(diagnostic(context.file, 'citation/invalid-label', place, {label}))
      continue
    }
    if (!context.notes.has(number)) {
      context.diagnostics.push(diagnostic(context.file, 'citation/undefined', place, {label}))
      continue
    }
    if (match.index > last) out.push({type: 'text', value: node.value.slice(last, match.index)})
    const citation: Citation = {type: 'citation', number, use: context.onCitation(number, place), position: place}
    out.push(citation)
    last = match.index + match[0].length
  }
  if (out.length === 0) return undefined
  if (last < node.value.length) out.push({type: 'text', value: node.value.slice(last)})
  return out
}


function lookupTable(regions: readonly Region[]): Map<string, string> {
  const table = new Map<string, string>()
  for (const region of regions) {
    for (const name of [region.name, ...region.aliases]) table.set(normaliseText(name).toLowerCase(), region.id)
  }
  return table
}

/** Nearest region name for a heading that names none (for validate/'s hint). */
export function suggestRegion(heading: string, regions: readonly Region[]): string | undefined {
  return closest(heading, regions.flatMap((region) => [region.name, ...region.aliases]))
}

export function isComment(html: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(html)
}

function placeOf(node: {position?: Position}): Position {
  return node.position ?? {start: {line: 1, column: 1}, end: {line: 1, column: 1}}
}

function kindName(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      return `level-${node.depth} heading`
    case 'paragraph':
      return 'paragraph'
    case 'list':
      return 'list'
    case 'html':
      return 'HTML block'
    default:
      return node.type
  }
}
