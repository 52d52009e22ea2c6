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
import type {Heading, Link, Paragraph} from 'mdast'
import {defaultHandlers} from 'remark-rehype'
import type {State} from 'mdast-util-to-hast'
import type {Citation, Figure, FigureImage, ImageFile, Site} from '../ast.js'
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
  /** The processed image a figure's address leads to, when it leads to one (build/image-store.ts); else the figure shows the address as written. */
  readonly imageOf: (url: string) => FigureImage | undefined
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

/**
 * The width a figure takes, for `sizes`: the text column (`--measure`,
 * 34rem, in public/assets/site.css), or the window less its margins.
 */
const figureSizes = '(min-width: 36rem) 34rem, calc(100vw - 2rem)'

/**
 * A processed image: one `<source>` per modern format, then the fallback's
 * `<img>`, sized (width, height: nothing shifts while it loads), lazy, and
 * linked to the full size, which a reader zooms without any script. The
 * image's URLs depend on the page (relative), so they are re-pointed per page.
 */
function picture(run: ProseRun, node: Figure, image: FigureImage): Element {
  const byType = new Map<string, ImageFile[]>()
  for (const file of image.sources) byType.set(file.type, [...(byType.get(file.type) ?? []), file])
  const types = [...byType.keys()]
  // The fallback is the format offered last (build/images.ts plans it so).
  const fallbackType = types[types.length - 1] ?? ''
  const fallback = byType.get(fallbackType) ?? [image.full]
  const largest = fallback[fallback.length - 1] ?? image.full
  const sources = types.slice(0, -1).map((type) => element('source', {type}, []))
  const img = element('img', {}, [])
  const single = fallback.length === 1
  // Paper gets the sharpest fallback: browsers choose from srcset for the
  // screen and keep that choice when printing, but do honour a print source.
  const print = single ? undefined : element('source', {}, [])
  // The link's name is the alt text; this says where it goes, for screen readers.
  const purpose = element('span', {className: ['visually-hidden'], dataPagefindIgnore: ''}, [text(' (opens the full-size image)')])
  const link = element('a', {}, [element('picture', {}, [...(print ? [print] : []), ...sources, img]), purpose])
  vary(run, link, ({context}) => {
    const url = (file: ImageFile) => relative(context.pageDir, paths.image(file.name))
    const srcset = (files: readonly ImageFile[]) => files.map((file) => `${url(file)} ${file.width}w`).join(', ')
    types.slice(0, -1).forEach((type, i) => {
      const source = sources[i]
      if (source) source.properties = inertProperties({type, srcSet: srcset(byType.get(type) ?? []), sizes: figureSizes})
    })
    if (print) print.properties = inertProperties({media: 'print', srcSet: srcset([largest]), sizes: figureSizes})
    // The largest fallback as src: what a browser without srcset shows.
    img.properties = inertProperties({
      src: url(largest),
      ...(single ? {} : {srcSet: srcset(fallback), sizes: figureSizes}),
      alt: node.alt,
      width: largest.width,
      height: largest.height,
      loading: 'lazy',
      decoding: 'async',
      // Search finds a figure by what it shows (its caption is text already).
      dataPagefindIndexAttrs: 'alt'
    })
    link.properties = inertProperties({className: ['figure-image'], href: url(image.full)})
  })
  return link
}

/** An image that is not a processed file of the content folder: shown from its address as written. */
function asWritten(node: Figure): Element {
  return element('img', {src: node.url, alt: node.alt, loading: 'lazy', decoding: 'async', dataPagefindIndexAttrs: 'alt'}, [])
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
  // `<figure>`: the image (a `<picture>` of the processed files, linking to
  // the full size), then a caption and credit line. An address that leads to
  // no processed image (a remote one, reported; or prose rendered without
  // images) is shown as written.
  figure: (state, node) => {
    const run = runOf(state)
    const image = run.imageOf(node.url)
    const caption: ElementContent[] = []
    if (node.caption !== undefined && node.caption.trim() !== '') caption.push(element('span', {className: ['figure-caption']}, [text(node.caption)]))
    if (node.credit) {
      if (caption.length > 0) caption.push(text(' '))
      caption.push(element('span', {className: ['figure-credit']}, state.all({type: 'paragraph', children: node.credit})))
    }
    const shown = image === undefined ? asWritten(node) : picture(run, node, image)
    const result = element('figure', {className: ['figure']}, caption.length === 0 ? [shown] : [shown, element('figcaption', {}, caption)])
    if (node.position) result.position = {start: node.position.start, end: node.position.end}
    return result
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
