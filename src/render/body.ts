// render/: one brief's prose as hast. Owns the handler for each node kind
// (citation, region section, note list, defanged source), the ids they
// carry and the paragraph each takeaway links to. Like mdast-util-to-hast,
// handlers sit in one typed map; HTML is never written as strings here.
//
// Elements are plain objects, not hastscript's h(): h() looks every
// property name up in property-information on each call, which showed in
// profiles of large builds (an archive has hundreds of thousands of
// citations, notes and backlinks). The names below are hast's own
// (className, ariaLabel ...), as h() would store them, so the trees are
// equal (tests/render/body.test.ts compares them with h()).
import type {Element, ElementContent, Properties, Text} from 'hast'
import type {Heading, Link, Nodes as MdastNodes, Paragraph, Root as MdastRoot} from 'mdast'
import {defaultHandlers, toHast, type Handlers, type State} from 'mdast-util-to-hast'
import {toString} from 'mdast-util-to-string'
import type {Brief, Citation, Note, RegionSection, Source} from '../ast.js'
import {briefSlugOf} from '../link/archive.js'
import {normaliseText} from '../parse/text.js'
import type {Site} from '../ast.js'
import {isSafeUrl} from '../validate/url.js'
import {inertProperties, makeInert} from './inert.js'
import {paths, relative} from './paths.js'
import {compact, stringifyFragment} from './serialize.js'

/** Where a brief's prose is shown: its own page, or a page gathering many briefs. */
export interface BodyContext {
  readonly site: Site
  /** Directory of the page being rendered, for relative links. */
  readonly pageDir: string
  /** Prefix of every id: '' on the brief's own page, `<slug>--` elsewhere, so ids never collide. */
  readonly idPrefix: string
  /**
   * Slugs of the archive's briefs: links to them become links into the built
   * site. Default: every URL of a brief under baseUrl (a link to a brief that
   * does not exist is an error, so the site is never built with one).
   */
  readonly slugs?: ReadonlySet<string>
}

/** The ids a brief's content uses, in one place so every link agrees with its target. */
export const ids = {
  region: (p: string, region: string) => `${p}region-${region}`,
  topic: (p: string, region: string, topic: string) => `${p}topic-${region}--${topic}`,
  citation: (p: string, n: number, use: number) => `${p}cite-${n}-${use}`,
  note: (p: string, n: number) => `${p}note-${n}`,
  takeaway: (p: string, index: number) => `${p}takeaway-${index + 1}`
}

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

/** A hast element (see the module comment for why not h()). */
function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return {type: 'element', tagName, properties, children}
}

function text(value: string): Text {
  return {type: 'text', value}
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

/** What of a section's prose depends on the page showing it. */
export interface ProseView {
  readonly context: BodyContext
  /** Heading level of the region heading; topics sit one below. */
  readonly level: 2 | 3
  /** Whether paragraphs that elaborate a takeaway carry its id: only pages that list the takeaways link to them. */
  readonly takeaways: boolean
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

type Handler<T> = (state: State, node: T) => ElementContent | ElementContent[] | undefined

interface BriefHandlers {
  citation: Handler<Citation>
  heading: Handler<Heading>
  paragraph: Handler<Paragraph>
  link: Handler<Link>
  html: Handler<unknown>
}

/** Sets a page-dependent element's properties (and tag) for a page. */
type Repoint = (view: ProseView) => void

/**
 * The handlers for one section's prose. Each node kind that depends on the
 * page registers its element in `variable` and how to re-point it in
 * `repoints`; re-pointed properties pass through inertProperties, as
 * everything built from a brief's content passes through makeInert.
 */
function handlersFor(site: Site, section: RegionSection, targets: ReadonlyMap<Paragraph, number>, variable: Set<Element>, repoints: Repoint[]): BriefHandlers {
  const topics = new Map<Heading, string>()
  let topic = 0
  for (const child of section.children) {
    if (child.type === 'heading' && child.depth === 3) {
      const entry = section.topics[topic++]
      if (entry) topics.set(child, entry.id)
    }
  }
  const vary = (result: Element, repoint: Repoint) => {
    variable.add(result)
    repoints.push(repoint)
  }
  return {
    citation: (_state, node) => {
      const link = element('a', {}, [text(`[${node.number}]`)])
      vary(link, ({context: {idPrefix: p}}) => {
        link.properties = inertProperties({href: `#${ids.note(p, node.number)}`, id: ids.citation(p, node.number, node.use), role: 'doc-noteref'})
      })
      return element('sup', {className: ['cite']}, [link])
    },
    heading: (state, node) => {
      const result = element('h2', {}, state.all(node))
      const id = topics.get(node)
      // `###` is a topic one level below its region heading; deeper levels follow.
      vary(result, ({context: {idPrefix: p}, level}) => {
        result.tagName = `h${Math.min(6, node.depth - 2 + level)}`
        result.properties = id === undefined ? {} : inertProperties({id: ids.topic(p, section.regionId, id)})
      })
      state.patch(node, result)
      return state.applyData(node, result)
    },
    paragraph: (state, node) => {
      const index = targets.get(node)
      const result = element('p', {}, state.all(node))
      if (index !== undefined) {
        vary(result, ({context: {idPrefix: p}, takeaways}) => {
          result.properties = takeaways ? inertProperties({id: ids.takeaway(p, index), className: ['elaborates']}) : {}
        })
      }
      state.patch(node, result)
      return state.applyData(node, result)
    },
    link: (state, node) => {
      const result = defaultHandlers.link(state, node)
      const slug = briefSlugOf(node.url, site)
      if (slug !== undefined) {
        // A link to one of the archive's briefs: relative to the page, so it points into the built site.
        const written = {...result.properties}
        vary(result, ({context}) => {
          const href = archiveHref(context, slug)
          result.properties = inertProperties(href === undefined ? {...written} : {...written, href})
        })
      }
      return result
    },
    // Raw HTML is never rendered (validate/ warns about it).
    html: () => undefined
  }
}

/** A section's prose, ready to be shown on any page (see `Prose`). */
export function sectionProse(site: Site, section: RegionSection, targets: ReadonlyMap<Paragraph, number>): Prose {
  const variable = new Set<Element>()
  const repoints: Repoint[] = []
  const root: MdastRoot = {type: 'root', children: section.children}
  // The typed map is checked where it is built; mdast-util-to-hast types handler nodes loosely.
  const handlers = handlersFor(site, section, targets, variable, repoints) as unknown as Handlers
  const body = toHast(root, {handlers})
  const nodes = makeInert(body.type === 'root' ? (body.children as ElementContent[]) : [body as ElementContent])
  const prose: Prose = {
    show: (view) => {
      for (const repoint of repoints) repoint(view)
      return nodes
    },
    compact: () => {
      compact(nodes, variable)
      return prose
    }
  }
  return prose
}

/** For the URL of one of the archive's briefs, the relative link to its page in the built site. */
function archiveHref(context: BodyContext, slug: string): string | undefined {
  return (context.slugs?.has(slug) ?? true) ? relative(context.pageDir, paths.brief(slug)) : undefined
}

/** Markdown links, with links to the archive's briefs pointing into the built site. */
function linkHandler(context: BodyContext): Handler<Link> {
  return (state, node) => {
    const result = defaultHandlers.link(state, node)
    const slug = briefSlugOf(node.url, context.site)
    const href = slug === undefined ? undefined : archiveHref(context, slug)
    if (href !== undefined) result.properties.href = href
    return result
  }
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

/** Takeaway content (inline Markdown) as hast. */
export function renderInline(context: BodyContext, nodes: Brief['takeaways'][number]['content']): ElementContent[] {
  const tree = toHast({type: 'paragraph', children: nodes}, {handlers: {link: linkHandler(context), html: () => undefined} as unknown as Handlers})
  return tree.type === 'element' ? makeInert(tree.children) : []
}

/** One source: a link for a URL, text exactly as written for a defanged URL or a description. */
export function renderSource(context: BodyContext, source: Source): ElementContent[] {
  switch (source.kind) {
    case 'url': {
      // check refuses other schemes; rendering never trusts that it ran.
      if (!isSafeUrl(source.url)) return [text(source.locator === undefined ? source.url : `${source.url}, ${source.locator}`)]
      const slug = briefSlugOf(source.url, context.site)
      const href = (slug === undefined ? undefined : archiveHref(context, slug)) ?? source.url
      const link = element('a', {href, className: ['source-url']}, [text(source.label ?? source.url)])
      return source.locator === undefined ? [link] : [link, text(`, ${source.locator}`)]
    }
    case 'defanged':
      // Never a link, not even a clickable-looking one: this address was defanged on purpose.
      return [element('span', {className: ['defanged'], title: 'Defanged address: not linked on purpose'}, [text(source.raw)])]
    case 'text':
      return [text(source.raw)]
  }
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
      return element('li', {id: ids.note(p, note.number), value: String(note.number), className: ['note']}, [
        options.sources?.get(note) ?? sourceList(context, note),
        element('span', {className: ['backrefs']}, back)
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
