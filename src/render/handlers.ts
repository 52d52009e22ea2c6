// render/: how each mdast node kind of brief prose becomes hast, in one
// typed map that render/processor.ts gives remark-rehype; the ids those
// elements carry; and the run context they read (`ProseRun`, on the
// processor's file as `file.data.prose`). HTML is never written as strings
// here.
//
// What depends on the page showing the prose (ids, heading levels, links
// into the archive) is not decided here: each such element is registered
// with how to re-point it for a page (render/body.ts's `Prose.show`), so
// one conversion serves the brief's page and a region page alike.
//
// Elements are plain objects, not hastscript's h(): h() looks every
// property name up in property-information on each call, which showed in
// profiles of large builds (an archive has hundreds of thousands of
// citations, notes and backlinks). The names below are hast's own
// (className, ariaLabel ...), as h() would store them, so the trees are
// equal (tests/render/body.test.ts compares them with h()).
import type {Element, ElementContent, Properties, Text} from 'hast'
import type {Heading, Image, Link, Paragraph, PhrasingContent} from 'mdast'
import {defaultHandlers} from 'remark-rehype'
import type {State} from 'mdast-util-to-hast'
import type {Citation, Figure, Site} from '../ast.js'
import {briefSlugOf} from '../link/archive.js'
import {inertProperties} from './inert.js'
import {paths, relative} from './paths.js'

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

/** What of a section's prose depends on the page showing it. */
export interface ProseView {
  readonly context: BodyContext
  /** Heading level of the region heading; topics sit one below. */
  readonly level: 2 | 3
  /** Whether paragraphs that elaborate a takeaway carry its id: only pages that list the takeaways link to them. */
  readonly takeaways: boolean
}

/** Sets a page-dependent element's properties (and tag) for a page. */
export type Repoint = (view: ProseView) => void

/**
 * What one run of the processor converts: carried by the file the run is
 * given (`file.data.prose`), since remark-rehype hands its handlers the
 * file but not per-run options. The handlers fill `variable` and `repoints`.
 */
export interface ProseRun {
  readonly site: Site
  /** The region of the section, for topic ids. */
  readonly regionId: string
  /** The topic id of each `###` heading of the section. */
  readonly topics: ReadonlyMap<Heading, string>
  /** Takeaway targets (render/body.ts's `takeawayTargets`); empty where no paragraph carries a takeaway's id. */
  readonly targets: ReadonlyMap<Paragraph, number>
  /** Each element that depends on the page (for serialize.ts's `compact`) ... */
  readonly variable: Set<Element>
  /** ... and how to re-point each for a page, in the order converted. */
  readonly repoints: Repoint[]
}

declare module 'vfile' {
  interface DataMap {
    prose: ProseRun
  }
}

/** The ids a brief's content uses, in one place so every link agrees with its target. */
export const ids = {
  region: (p: string, region: string) => `${p}region-${region}`,
  topic: (p: string, region: string, topic: string) => `${p}topic-${region}--${topic}`,
  citation: (p: string, n: number, use: number) => `${p}cite-${n}-${use}`,
  note: (p: string, n: number) => `${p}note-${n}`,
  takeaway: (p: string, index: number) => `${p}takeaway-${index + 1}`
}

/** A hast element (see the module comment for why not h()). */
export function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return {type: 'element', tagName, properties, children}
}

export function text(value: string): Text {
  return {type: 'text', value}
}

/** For the URL of one of the archive's briefs, the relative link to its page in the built site. */
export function archiveHref(context: BodyContext, slug: string): string | undefined {
  return (context.slugs?.has(slug) ?? true) ? relative(context.pageDir, paths.brief(slug)) : undefined
}

type Handler<T> = (state: State, node: T) => ElementContent | ElementContent[] | undefined

/** The node kinds brief prose converts differently from mdast-util-to-hast's defaults. */
export interface BriefHandlers {
  citation: Handler<Citation>
  figure: Handler<Figure>
  heading: Handler<Heading>
  paragraph: Handler<Paragraph>
  link: Handler<Link>
  html: Handler<unknown>
}

/** The run a handler converts for. Only render/processor.ts runs these handlers, always with one. */
function runOf(state: State): ProseRun {
  const run = state.options.file?.data.prose
  if (run === undefined) throw new TypeError('brief prose is converted by a run of render/processor.ts, whose file carries a ProseRun')
  return run
}

/** Registers a page-dependent element and how to re-point it. */
function vary(run: ProseRun, result: Element, repoint: Repoint): void {
  run.variable.add(result)
  run.repoints.push(repoint)
}

/**
 * The handlers of brief prose. Re-pointed properties pass through
 * inertProperties, as everything built from a brief's content passes
 * through makeInert.
 */
export const handlers: BriefHandlers = {
  citation: (state, node) => {
    const link = element('a', {}, [text(`[${node.number}]`)])
    vary(runOf(state), link, ({context: {idPrefix: p}}) => {
      link.properties = inertProperties({href: `#${ids.note(p, node.number)}`, id: ids.citation(p, node.number, node.use), role: 'doc-noteref'})
    })
    return element('sup', {className: ['cite']}, [link])
  },
  // For now a figure renders exactly as the paragraph it was parsed from
  // (`<p><img src alt title>`, then its credit line after a line ending), so
  // readers see no change until image processing brings the `<figure>`
  // markup (with the processed image files) in a later increment.
  figure: (state, node) => {
    const image: Image = {type: 'image', url: node.url, alt: node.alt, title: node.caption ?? null}
    if (node.imagePosition) image.position = node.imagePosition
    const children: PhrasingContent[] = node.credit ? [image, {type: 'text', value: '\n'}, ...node.credit] : [image]
    const paragraph: Paragraph = {type: 'paragraph', children}
    if (node.position) paragraph.position = node.position
    return handlers.paragraph(state, paragraph)
  },
  heading: (state, node) => {
    const run = runOf(state)
    const result = element('h2', {}, state.all(node))
    const id = run.topics.get(node)
    // `###` is a topic one level below its region heading; deeper levels follow.
    vary(run, result, ({context: {idPrefix: p}, level}) => {
      result.tagName = `h${Math.min(6, node.depth - 2 + level)}`
      result.properties = id === undefined ? {} : inertProperties({id: ids.topic(p, run.regionId, id)})
    })
    state.patch(node, result)
    return state.applyData(node, result)
  },
  paragraph: (state, node) => {
    const run = runOf(state)
    const index = run.targets.get(node)
    const result = element('p', {}, state.all(node))
    if (index !== undefined) {
      vary(run, result, ({context: {idPrefix: p}, takeaways}) => {
        result.properties = takeaways ? inertProperties({id: ids.takeaway(p, index), className: ['elaborates']}) : {}
      })
    }
    state.patch(node, result)
    return state.applyData(node, result)
  },
  link: (state, node) => {
    const run = runOf(state)
    const result = defaultHandlers.link(state, node)
    const slug = briefSlugOf(node.url, run.site)
    if (slug !== undefined) {
      // A link to one of the archive's briefs: relative to the page, so it points into the built site.
      const written = {...result.properties}
      vary(run, result, ({context}) => {
        const href = archiveHref(context, slug)
        result.properties = inertProperties(href === undefined ? {...written} : {...written, href})
      })
    }
    return result
  },
  // Raw HTML is never rendered (validate/ warns about it).
  html: () => undefined
}
