// render/: one brief's prose as hast. Owns the handler for each node kind
// (citation, region section, note list, defanged source), the ids they
// carry and the paragraph each takeaway links to. Like mdast-util-to-hast,
// handlers sit in one typed map; HTML is never written as strings here.
import {h} from 'hastscript'
import type {Element, ElementContent} from 'hast'
import type {Heading, Link, Nodes as MdastNodes, Paragraph, Root as MdastRoot} from 'mdast'
import {defaultHandlers, toHast, type Handlers, type State} from 'mdast-util-to-hast'
import {toString} from 'mdast-util-to-string'
import type {Brief, Citation, Note, RegionSection, Source} from '../ast.js'
import {briefSlugOf} from '../link/archive.js'
import {normaliseText} from '../parse/brief.js'
import type {Site} from '../ast.js'
import {isSafeUrl} from '../validate/url.js'
import {makeInert} from './inert.js'
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
  const paragraphs: {node: Paragraph; text: string}[] = []
  const collect = (node: MdastNodes): void => {
    if (node.type === 'paragraph') paragraphs.push({node, text: normaliseText(toString(node))})
    else if ('children' in node) for (const child of node.children) collect(child)
  }
  for (const section of brief.sections) for (const child of section.children) collect(child)
  brief.takeaways.forEach((takeaway, index) => {
    if (takeaway.text === '') return
    const match = paragraphs.find((p) => !targets.has(p.node) && p.text.startsWith(takeaway.text))
    if (match) targets.set(match.node, index)
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

type Handler<T> = (state: State, node: T) => ElementContent | ElementContent[] | undefined

interface BriefHandlers {
  citation: Handler<Citation>
  heading: Handler<Heading>
  paragraph: Handler<Paragraph>
  link: Handler<Link>
  html: Handler<unknown>
}

function handlersFor(context: BodyContext, section: RegionSection, options: SectionOptions): BriefHandlers {
  const p = context.idPrefix
  const topicIds = new Map<Heading, string>()
  let topic = 0
  for (const child of section.children) {
    if (child.type === 'heading' && child.depth === 3) {
      const entry = section.topics[topic++]
      if (entry) topicIds.set(child, ids.topic(p, section.regionId, entry.id))
    }
  }
  return {
    citation: (_state, node) =>
      h('sup', {className: ['cite']}, [
        h('a', {href: `#${ids.note(p, node.number)}`, id: ids.citation(p, node.number, node.use), role: 'doc-noteref'}, `[${node.number}]`)
      ]),
    heading: (state, node) => {
      // `###` is a topic one level below its region heading; deeper levels follow.
      const depth = Math.min(6, node.depth - 2 + options.level)
      const id = topicIds.get(node)
      const result: Element = {type: 'element', tagName: `h${depth}`, properties: id === undefined ? {} : {id}, children: state.all(node)}
      state.patch(node, result)
      return state.applyData(node, result)
    },
    paragraph: (state, node) => {
      const index = options.targets.get(node)
      const result: Element = {
        type: 'element',
        tagName: 'p',
        properties: index === undefined ? {} : {id: ids.takeaway(p, index), className: ['elaborates']},
        children: state.all(node)
      }
      state.patch(node, result)
      return state.applyData(node, result)
    },
    link: linkHandler(context),
    // Raw HTML is never rendered (validate/ warns about it).
    html: () => undefined
  }
}

/** For a URL of one of the archive's briefs, the relative link to its page in the built site. */
function archiveHref(context: BodyContext, url: string): string | undefined {
  const slug = briefSlugOf(url, context.site)
  return slug !== undefined && (context.slugs?.has(slug) ?? true) ? relative(context.pageDir, paths.brief(slug)) : undefined
}

/** Markdown links, with links to the archive's briefs pointing into the built site. */
function linkHandler(context: BodyContext): Handler<Link> {
  return (state, node) => {
    const result = defaultHandlers.link(state, node)
    const href = archiveHref(context, node.url)
    if (href !== undefined) result.properties.href = href
    return result
  }
}

/** A region section: heading, optional lead, prose, optional trailing content. */
export function renderSection(context: BodyContext, section: RegionSection, options: SectionOptions): Element {
  const handlers = handlersFor(context, section, options)
  const root: MdastRoot = {type: 'root', children: section.children}
  // The typed map above is checked here; mdast-util-to-hast types handler nodes loosely.
  const body = toHast(root, {handlers: handlers as unknown as Handlers})
  const id = ids.region(context.idPrefix, section.regionId)
  return h('section', {className: ['region'], ariaLabelledBy: `${id}-heading`, id}, [
    h(`h${options.level}`, {id: `${id}-heading`}, options.title),
    ...(options.lead ?? []),
    ...makeInert(body.type === 'root' ? (body.children as ElementContent[]) : [body as ElementContent]),
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
      if (!isSafeUrl(source.url)) return [{type: 'text', value: source.locator === undefined ? source.url : `${source.url}, ${source.locator}`}]
      const link = h('a', {href: archiveHref(context, source.url) ?? source.url, className: ['source-url']}, source.label ?? source.url)
      return source.locator === undefined ? [link] : [link, {type: 'text', value: `, ${source.locator}`}]
    }
    case 'defanged':
      // Never a link, not even a clickable-looking one: this address was defanged on purpose.
      return [h('span', {className: ['defanged'], title: 'Defanged address: not linked on purpose'}, source.raw)]
    case 'text':
      return [{type: 'text', value: source.raw}]
  }
}

/** The list of notes, numbered as the analyst numbered them, each with links back to every citation. */
export function renderNotes(context: BodyContext, notes: readonly Note[], options: {uses?: ReadonlyMap<number, readonly number[]>} = {}): Element {
  const p = context.idPrefix
  return h(
    'ol',
    {className: ['notes']},
    notes.map((note) => {
      const uses = options.uses?.get(note.number) ?? Array.from({length: note.uses}, (_, i) => i + 1)
      const sources = note.sources.map((source) => h('li', {className: ['source', `source-${source.kind}`]}, renderSource(context, source)))
      const back =
        uses.length === 0
          ? [h('span', {className: ['uncited']}, 'Not cited in the text.')]
          : uses.map((use) =>
              h(
                'a',
                {href: `#${ids.citation(p, note.number, use)}`, className: ['backref'], ariaLabel: `Back to citation ${use} of note ${note.number}`, role: 'doc-backlink'},
                uses.length === 1 ? '↩' : `↩ ${use}`
              )
            )
      return h('li', {id: ids.note(p, note.number), value: note.number, className: ['note']}, [
        h('ul', {className: ['sources']}, sources),
        h('span', {className: ['backrefs']}, back)
      ])
    })
  )
}
