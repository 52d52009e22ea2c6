// validate/: the rules about one brief's content, run on the parsed body:
// sections name known regions, every note is cited and numbered in order,
// sources are safe URLs, nothing is written that would not be rendered;
// figures have their own module (figures.ts).
import type {Definition, Image, Link, Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import type {ArchivedCopy, Note, Site, Source, Takeaway} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import {archivedSuffix} from '../parse/archived.js'
import type {BriefBody} from '../parse/brief.js'
import {isComment, suggestRegion} from '../parse/sections.js'
import {defaultLimits, type Limits} from '../parse/schema.js'
import {checkFigures, defaultContentPath, placeOfImage} from './figures.js'
import {allowedProtocols, protocolOf} from './url.js'

export interface ValidateOptions {
  readonly regions: Site['regions']
  /** The brief's takeaways, when its frontmatter is valid: their links and HTML are checked like the body's. */
  readonly takeaways?: readonly Takeaway[]
  /** Most notes and sources a brief may have (default: site.yml's defaults, see parse/schema.ts). */
  readonly limits?: Limits
  /**
   * The brief's path inside the content folder, `/`-separated, which
   * figures' relative paths are resolved against. Default: `briefs/` and
   * the file's name, where load/ finds briefs (it passes the real path,
   * year folders included).
   */
  readonly contentPath?: string
}

export function validateBrief(body: BriefBody, options: ValidateOptions): Diagnostic[] {
  const contentPath = options.contentPath ?? defaultContentPath(body.file)
  return [
    ...checkRegions(body, options),
    ...checkLimits(body, options.limits ?? defaultLimits),
    ...checkNotes(body),
    ...checkSources(body),
    ...checkBodyNodes(body, contentPath),
    ...checkFigures(body, contentPath),
    ...checkTakeaways(body.file, options.takeaways ?? [])
  ]
}

/** Notes and sources are bounded: past the limits a brief is refused, not rendered into a page no one can load. */
function checkLimits(body: BriefBody, limits: Limits): Diagnostic[] {
  const out: Diagnostic[] = []
  const beyond = body.notes[limits.maxNotes]
  if (beyond) out.push(diagnostic(body.file, 'citation/too-many-notes', labelPlace(beyond), {count: body.notes.length, limit: limits.maxNotes}))
  for (const note of body.notes) {
    const extra = note.sources[limits.maxSourcesPerNote]
    if (extra) {
      out.push(diagnostic(body.file, 'source/too-many', extra.position, {number: note.number, count: note.sources.length, limit: limits.maxSourcesPerNote}))
    }
  }
  return out
}

function checkRegions(body: BriefBody, site: Pick<ValidateOptions, 'regions'>): Diagnostic[] {
  const out: Diagnostic[] = []
  const groups = new Set(site.regions.flatMap((region) => (region.group === undefined ? [] : [region.group.toLowerCase()])))
  const seen = new Map<string, number>()
  for (const section of body.sections) {
    const place = section.headingPosition
    if (section.regionId === '') {
      if (groups.has(section.heading.toLowerCase())) {
        out.push(diagnostic(body.file, 'region/unknown', place, {heading: section.heading, group: true}))
      } else {
        const suggestion = suggestRegion(section.heading, site.regions)
        out.push(diagnostic(body.file, 'region/unknown', place, suggestion === undefined ? {heading: section.heading} : {heading: section.heading, suggestion}))
      }
      continue
    }
    const first = seen.get(section.regionId)
    if (first !== undefined) out.push(diagnostic(body.file, 'region/duplicate-section', place, {heading: section.heading, first}))
    else seen.set(section.regionId, place.start.line)
  }
  return out
}

function checkNotes(body: BriefBody): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const note of body.notes) {
    if (note.sources.length === 0) out.push(diagnostic(body.file, 'citation/empty-note', labelPlace(note), {number: String(note.number)}))
    if (note.uses === 0) out.push(diagnostic(body.file, 'citation/unused-note', labelPlace(note), {number: note.number}))
  }

  // Order of first citation: each newly cited note should be the next number.
  let highest = 0
  const defined = new Set(body.notes.map((note) => note.number))
  for (const citation of body.citations) {
    if (citation.use !== 1) continue
    if (citation.number < highest) {
      out.push(
        diagnostic(body.file, 'citation/numbering', citation.position, {
          problem: `Note ${citation.number} is first cited after note ${highest}; notes should be numbered in the order the text first cites them.`
        })
      )
    }
    highest = Math.max(highest, citation.number)
  }
  // Gaps: numbers between 1 and the highest that no note has.
  // Walked gap by gap, never number by number: a note numbered 999999999 costs nothing.
  const sorted = [...defined].sort((a, b) => a - b)
  const missing: number[] = []
  let count = 0
  let previous = 0
  for (const n of sorted) {
    for (let m = previous + 1; m < n && missing.length < shownGaps; m++) missing.push(m)
    count += n - previous - 1
    previous = n
  }
  if (count > 0) {
    const after = body.notes.find((note) => note.number > (missing[0] ?? 0))
    out.push(
      diagnostic(body.file, 'citation/numbering', after ? labelPlace(after) : undefined, {
        problem: `The notes skip ${count === 1 ? 'number' : 'numbers'} ${formatList(missing, count)}, so readers would look for notes that do not exist.`
      })
    )
  }
  return out
}

function checkSources(body: BriefBody): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const note of body.notes) {
    for (const source of note.sources) out.push(...checkSource(body.file, source))
  }
  return out
}

function checkSource(file: string, source: Source): Diagnostic[] {
  if (source.kind !== 'url') {
    // parse/ gives only URL sources an archived copy; on any other the suffix is shown as text.
    const archived = archivedSuffix(source.raw)
    const out = archived ? [diagnostic(file, 'source/archived-copy', source.position, {url: archived.url, problem: source.kind})] : []
    if (source.kind === 'defanged' && source.refanged === undefined && !archived) out.push(diagnostic(file, 'source/malformed-defang', source.position, {text: source.raw}))
    return out
  }
  // A Markdown link's destination is reported where it is written, not at the start of the line.
  const place = source.urlPosition ?? source.position
  const out = source.url.trim() === '' ? [diagnostic(file, 'source/empty-link', place, {text: source.label ?? source.raw})] : checkUrl(file, source.url, place, false)
  if (source.archived) out.push(...checkArchived(file, source.archived))
  return out
}

/** An archived copy is published as a link: it must be a valid https URL. */
function checkArchived(file: string, archived: ArchivedCopy): Diagnostic[] {
  const problems = checkUrl(file, archived.url, archived.position, false)
  if (problems.length > 0) return problems
  if (protocolOf(archived.url) !== 'https:') return [diagnostic(file, 'source/archived-copy', archived.position, {url: archived.url, problem: 'insecure'})]
  return []
}

/**
 * A URL must parse and lead to http, https or mailto as a browser resolves
 * it (so no spelling of `javascript:` slips through); sources must be
 * absolute, body links may also be relative.
 */
function checkUrl(file: string, url: string, place: Position, relativeAllowed: boolean): Diagnostic[] {
  const protocol = protocolOf(url)
  if (protocol === undefined) return [diagnostic(file, 'source/invalid-url', place, {url})]
  if (!allowedProtocols.has(protocol)) return [diagnostic(file, 'source/unsafe-scheme', place, {scheme: protocol.slice(0, -1)})]
  if (relativeAllowed && !/^[a-z][a-z0-9+.-]*:/i.test(url.trim())) return []
  try {
    const parsed = new URL(url)
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname === '') throw new TypeError('no host')
    return []
  } catch {
    return [diagnostic(file, 'source/invalid-url', place, {url})]
  }
}

function checkBodyNodes(body: BriefBody, contentPath: string): Diagnostic[] {
  const nodes = body.sections.flatMap((section) => section.children)
  return checkMarkdown(body.file, nodes, (node) => node.position ?? headingPlace(undefined), contentPath)
}

/** Takeaways are inline Markdown too: the same rules, reported at the takeaway (their nodes carry no positions of their own). */
function checkTakeaways(file: string, takeaways: readonly Takeaway[]): Diagnostic[] {
  return takeaways.flatMap((takeaway) => checkMarkdown(file, takeaway.content, () => takeaway.position))
}

/**
 * Raw HTML, and the URLs of links, images, figures and definitions, at any
 * depth of `nodes` (figures' credit lines included); `contentPath` as
 * ValidateOptions's, for figures.
 */
function checkMarkdown(file: string, nodes: readonly Nodes[], placeOf: (node: Nodes) => Position, contentPath = ''): Diagnostic[] {
  const out: Diagnostic[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'figure') {
      const place = node.imagePosition ?? placeOf(node)
      // A path out of the content folder (`file:` too) is figure/outside-content's alone.
      if (node.url.trim() === '') out.push(diagnostic(file, 'source/empty-link', place, {text: node.alt}))
      else if (placeOfImage(node.url, contentPath) !== 'outside') out.push(...checkUrl(file, node.url, place, true))
      for (const child of node.credit ?? []) visit(child)
      return
    }
    if (node.type === 'html' && !isComment(node.value)) out.push(diagnostic(file, 'body/raw-html', placeOf(node)))
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      // `[text]()` is a link to the page itself: a source or an address left out.
      if (node.url.trim() === '') out.push(diagnostic(file, 'source/empty-link', placeOf(node), {text: linkText(node)}))
      else out.push(...checkUrl(file, node.url, placeOf(node), true))
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  for (const node of nodes) visit(node)
  return out
}

/** What a reader would see of a link, image or definition, to name it in a message. */
function linkText(node: Link | Image | Definition): string {
  if (node.type === 'image') return node.alt ?? ''
  if (node.type === 'definition') return `[${node.label ?? node.identifier}]`
  return toString(node)
}

/** The `[^N]:` of a note definition. */
function labelPlace(note: Note): Position {
  const width = `[^${note.number}]:`.length
  return {start: note.position.start, end: {line: note.position.start.line, column: note.position.start.column + width}}
}

/** The first line of a section: its `##` heading. */
function headingPlace(position: Position | undefined): Position {
  if (!position) return {start: {line: 1, column: 1}, end: {line: 1, column: 1}}
  return {start: position.start, end: {line: position.start.line, column: position.start.column + 1}}
}

/** Gaps named in the message; the rest are counted. */
const shownGaps = 10

function formatList(numbers: readonly number[], count: number): string {
  const shown = numbers.slice(0, shownGaps).join(', ')
  return count > shownGaps ? `${shown} and ${count - shownGaps} more` : shown
}
