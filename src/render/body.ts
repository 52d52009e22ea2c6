// render/: one brief's prose as hast: each region section converted once
// by render/processor.ts's processor and re-pointed for every page that
// shows it (`Prose`), takeaways, note lists and defanged sources, and the
// paragraph each takeaway links to. The mdast handlers and the ids they
// carry live in render/handlers.ts; HTML is never written as strings here.
import type {Element, ElementContent, Root as HastRoot} from 'hast'
import type {Heading, Nodes as MdastNodes, Paragraph, Root as MdastRoot} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {ArchivedCopy, Brief, FigureImage, Note, RegionSection, Site, Source} from '../ast.js'
import {briefSlugOf} from '../link/archive.js'
import {normaliseText} from '../parse/text.js'
import {isSafeUrl, protocolOf} from '../validate/url.js'
import {archiveHref, element, ids, text, type BodyContext, type ProseRun, type ProseView} from './handlers.js'
import {makeInert} from './inert.js'
import {processor, runFile} from './processor.js'
import {compact, stringifyFragment} from './serialize.js'

export {ids, type BodyContext, type ProseView} from './handlers.js'

/** For each takeaway, the body paragraph that opens with its text (ignoring formatting and whitespace). */
export function takeawayTargets(brief: Brief): Map<Paragraph, number> {
  const targets = new Map<Paragraph, number>()
  const paragraphs: Paragraph[] = []
  const collect = (node: MdastNodes): void => {
    if (node.type === 'paragraph') paragraphs.push(node)
    else if ('children' in node) for (const child of node.children) collect(child)
  }
  for (const section of brief.sections) for (const child of section.children) collect(child)
  // Texts on demand: paragraphs after the last one a takeaway opens are never read.
  const texts: string[] = []
  const textOf = (index: number, node: Paragraph) => (texts[index] ??= normaliseText(toString(node)))
  brief.takeaways.forEach((takeaway, index) => {
    if (takeaway.text === '') return
    const match = paragraphs.find((node, at) => !targets.has(node) && textOf(at, node).startsWith(takeaway.text))
    if (match) targets.set(match, index)
  })
  return targets
}

export interface SectionOptions {
  /** Heading level of the region heading: 2, or 3 under a group heading. */
  readonly level: 2 | 3
  /** Takeaway targets from `takeawayTargets`; empty on pages without takeaways. */
  readonly targets: ReadonlyMap<Paragraph, number>
  /** Region heading text (default: the region's name from regions.yml). */
  readonly title: string
  /** Extra content after the region heading, e.g. the brief's title on region pages. */
  readonly lead?: ElementContent[]
  /** Content after the prose, e.g. the section's own notes on region pages. */
  readonly after?: ElementContent[]
}

/**
 * A section's prose as hast, converted from Markdown and made inert once for
 * every page that shows it (its brief's page, a region page). The few
 * elements that depend on the page (ids, heading levels, links into the
 * archive) are re-pointed in place by `show`.
 */
export interface Prose {
  /** The prose as on `view`'s page, until the next call: serialise it before showing it elsewhere. */
  show(view: ProseView): ElementContent[]
  /**
   * Serialise once what no page changes (see serialize.ts's `compact`), so
   * that each page serialises only what differs. Returns the prose itself.
   */
  compact(): Prose
}

/** A run of the processor for prose whose topics are `topics` (see handlers.ts's `ProseRun`). */
function proseRun(
  site: Site,
  regionId: string,
  topics: ReadonlyMap<Heading, string>,
  targets: ReadonlyMap<Paragraph, number>,
  imageOf: ImageLookup = noImages
): ProseRun {
  return {site, regionId, topics, targets, imageOf, variable: new Set(), repoints: []}
}

/** Which processed image a figure's address leads to (see ProseRun's `imageOf`). */
export type ImageLookup = (url: string) => FigureImage | undefined

const noImages: ImageLookup = () => undefined

/** Converts `root` with the processor's handlers: the elements of its top-level blocks. */
function convert(root: MdastRoot, run: ProseRun): ElementContent[] {
  const tree: HastRoot = processor.runSync(root, runFile(run))
  // mdast-util-to-hast makes no doctype from mdast: the root's children are element content.
  return tree.children as ElementContent[]
}

/** A section's prose, ready to be shown on any page (see `Prose`). */
export function sectionProse(site: Site, section: RegionSection, targets: ReadonlyMap<Paragraph, number>, imageOf: ImageLookup = noImages): Prose {
  const topics = new Map<Heading, string>()
  let topic = 0
  for (const child of section.children) {
    if (child.type === 'heading' && child.depth === 3) {
      const entry = section.topics[topic++]
      if (entry) topics.set(child, entry.id)
    }
  }
  const run = proseRun(site, section.regionId, topics, targets, imageOf)
  const nodes = makeInert(convert({type: 'root', children: section.children}, run))
  const prose: Prose = {
    show: (view) => {
      for (const repoint of run.repoints) repoint(view)
      return nodes
    },
    compact: () => {
      compact(nodes, run.variable)
      return prose
    }
  }
  return prose
}

/** The section element around prose already shown for `context`'s page. */
export function sectionElement(context: BodyContext, section: RegionSection, options: Omit<SectionOptions, 'targets'>, prose: ElementContent[]): Element {
  const id = ids.region(context.idPrefix, section.regionId)
  return element('section', {className: ['region'], ariaLabelledBy: [`${id}-heading`], id}, [
    element(`h${options.level}`, {id: `${id}-heading`}, [text(options.title)]),
    ...(options.lead ?? []),
    ...prose,
    ...(options.after ?? [])
  ])
}

/** Takeaway content (inline Markdown) as hast, converted by the same handlers as section prose and shown on `context`'s page. */
export function renderInline(context: BodyContext, nodes: Brief['takeaways'][number]['content']): ElementContent[] {
  const run = proseRun(context.site, '', new Map(), new Map())
  const [paragraph] = convert({type: 'root', children: [{type: 'paragraph', children: nodes}]}, run)
  if (paragraph?.type !== 'element') return []
  const content = makeInert(paragraph.children)
  // Only links into the archive vary in phrasing content; takeaways never carry a region or a heading level.
  for (const repoint of run.repoints) repoint({context, level: 2, takeaways: false})
  return content
}

/** One source: a link for a URL, text exactly as written for a defanged URL or a description. */
export function renderSource(context: BodyContext, source: Source): ElementContent[] {
  switch (source.kind) {
    case 'url': {
      // check refuses other schemes; rendering never trusts that it ran.
      if (!isSafeUrl(source.url)) return [text(source.locator === undefined ? source.url : `${source.url}, ${source.locator}`), ...archivedCopy(source.archived)]
      const slug = briefSlugOf(source.url, context.site)
      const href = (slug === undefined ? undefined : archiveHref(context, slug)) ?? source.url
      const link = element('a', {href, className: ['source-url']}, [text(source.label ?? source.url)])
      return [link, ...(source.locator === undefined ? [] : [text(`, ${source.locator}`)]), ...archivedCopy(source.archived)]
    }
    case 'defanged':
      // Never a link, not even a clickable-looking one: this address was defanged on purpose.
      return [element('span', {className: ['defanged'], title: 'Defanged address: not linked on purpose'}, [text(source.raw)])]
    case 'text':
      return [text(source.raw)]
  }
}

/**
 * The archived copy beside its source, so a reader of an old brief still
 * reaches what was cited: a link only when it is https (check reports any
 * other), otherwise the address as text.
 */
function archivedCopy(archived: ArchivedCopy | undefined): ElementContent[] {
  if (archived === undefined) return []
  const https = protocolOf(archived.url) === 'https:'
  const copy = https ? element('a', {href: archived.url, className: ['source-archived']}, [text('archived copy')]) : text(archived.url)
  return [text(' '), element('span', {className: ['archived']}, [text('('), copy, text(')')])]
}

export interface NotesOptions {
  /** For each note, the uses to link back to (default: every use). */
  readonly uses?: ReadonlyMap<number, readonly number[]>
  /** Each note's list of sources, when already rendered (from `sharedSources`); rendered here otherwise. */
  readonly sources?: ReadonlyMap<Note, ElementContent>
}

/** The list of notes, numbered as the analyst numbered them, each with links back to every citation. */
export function renderNotes(context: BodyContext, notes: readonly Note[], options: NotesOptions = {}): Element {
  const p = context.idPrefix
  return element(
    'ol',
    {className: ['notes']},
    notes.map((note) => {
      const uses = options.uses?.get(note.number) ?? Array.from({length: note.uses}, (_, i) => i + 1)
      const back =
        uses.length === 0
          ? [element('span', {className: ['uncited']}, [text('Not cited in the text.')])]
          : uses.map((use) =>
              element(
                'a',
                {href: `#${ids.citation(p, note.number, use)}`, className: ['backref'], ariaLabel: `Back to citation ${use} of note ${note.number}`, role: 'doc-backlink'},
                [text(uses.length === 1 ? '↩' : `↩ ${use}`)]
              )
            )
      const id = ids.note(p, note.number)
      return element('li', {id, value: String(note.number), className: ['note']}, [
        options.sources?.get(note) ?? sourceList(context, note),
        element('span', {className: ['backrefs']}, [
          ...back,
          // The note's own address, for a reader to copy (the list's numbers are markers, not links).
          element('a', {href: `#${id}`, className: ['note-permalink'], ariaLabel: `Link to note ${note.number}`}, [text('#')])
        ])
      ])
    })
  )
}

function sourceList(context: BodyContext, note: Note): Element {
  return element(
    'ul',
    {className: ['sources']},
    note.sources.map((source) => element('li', {className: ['source', `source-${source.kind}`]}, renderSource(context, source)))
  )
}

/**
 * Each note's list of sources, serialised once for every list of notes
 * that shows it (a brief's page, the region pages of the sections citing
 * it). Notes with a link into the archive are left out: its relative href
 * depends on the page.
 */
export function sharedSources(site: Site, notes: readonly Note[]): Map<Note, ElementContent> {
  const context: BodyContext = {site, pageDir: '', idPrefix: ''}
  const shared = new Map<Note, ElementContent>()
  for (const note of notes) {
    if (note.sources.some((source) => source.kind === 'url' && briefSlugOf(source.url, site) !== undefined)) continue
    shared.set(note, {type: 'raw', value: stringifyFragment([sourceList(context, note)])})
  }
  return shared
}
