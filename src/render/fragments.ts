// render/: one brief's prose, rendered and serialised once, right after it
// is parsed (in the parse worker, so on every core) and cached with it.
// Pages then embed these strings instead of rendering the brief again:
// its own page, the region pages that gather its sections, the feeds.
// Every page that embeds them sits two folders deep (briefs/<slug>/,
// regions/<id>/), so their relative links hold wherever they are embedded.
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {toString} from 'mdast-util-to-string'
import type {Brief, ImageTable, Note, Site} from '../ast.js'
import {defaultContentPath, placeOfImage} from '../validate/figures.js'
import {contentKey} from '../content-key.js'
import {formatDate, truncate} from './format.js'
import {ids, renderNotes, sectionElement, sectionProse, sharedSources, takeawayTargets, type BodyContext, type Prose} from './body.js'
import {absolute, paths, relative} from './paths.js'
import {renderEmail} from './email.js'
import {renderText} from './text.js'
import {stringifyFragment, type Html} from './serialize.js'

export interface BriefFragments {
  /** Each section as on the brief's page: region heading at level 2, or 3 under its group. */
  readonly sections: readonly string[]
  /** Each section as on a region page: headed by the brief, with its own notes and slug-prefixed ids. */
  readonly foreign: readonly string[]
  /** The endnotes list. */
  readonly notes: string
  /** For each takeaway, the id of the paragraph it links to, if one elaborates it. */
  readonly targets: readonly (string | undefined)[]
  /** For each section, its first paragraph as plain text (region feeds). */
  readonly summaries: readonly string[]
  /**
   * For each section, a hash of what region pages and feeds show of it: a
   * region page is rendered again only when one of its own sections changed,
   * not whenever another part of a brief it shows did.
   */
  readonly sectionKeys: readonly string[]
  /** The email edition (render/email.ts): a whole HTML document. */
  readonly email: string
  /** The plain-text edition (render/text.ts), figures at the absolute URLs of their PNG or JPEG copies. */
  readonly text: string
}

/** How pages read a brief's fragments: one section at a time, so a packed brief is unpacked only as far as a page needs. */
export interface FragmentReader {
  section(index: number): Html
  foreign(index: number): Html
  notes(): Html
  readonly targets: readonly (string | undefined)[]
  readonly summaries: readonly string[]
  readonly sectionKeys: readonly string[]
  email(): Html
  text(): Html
}

export function readerOf(fragments: BriefFragments): FragmentReader {
  return {
    section: (index) => fragments.sections[index] ?? '',
    foreign: (index) => fragments.foreign[index] ?? '',
    notes: () => fragments.notes,
    targets: fragments.targets,
    summaries: fragments.summaries,
    sectionKeys: fragments.sectionKeys,
    email: () => fragments.email,
    text: () => fragments.text
  }
}

/**
 * `site.images`: the content folder's processed images, which figures show
 * (default none: a figure shows its address as written). `contentPath`: the
 * brief's path inside the content folder, which figures' addresses are
 * relative to (default: validate/'s `defaultContentPath`).
 */
export function renderFragments(brief: Brief, site: Pick<Site, 'settings' | 'regions'> & {readonly images?: ImageTable}, contentPath?: string): BriefFragments {
  const full: Site = {settings: site.settings, regions: site.regions, contentDir: ''}
  const {images} = site
  const from = contentPath ?? defaultContentPath(brief.file)
  const imageOf = (url: string) => {
    const place = images === undefined ? undefined : placeOfImage(url, from)
    return typeof place === 'object' ? images?.get(place.inside) : undefined
  }
  const own: BodyContext = {site: full, pageDir: paths.brief(brief.slug), idPrefix: ''}
  const targets = takeawayTargets(brief)
  const sources = sharedSources(full, brief.notes)
  const sections: string[] = []
  const foreign: string[] = []
  brief.sections.forEach((section, index) => {
    // Converted from Markdown once for both pages that show it, each of which serialises only what it changes.
    const prose = sectionProse(full, section, targets, imageOf).compact()
    const region = site.regions.find((r) => r.id === section.regionId)
    const level = region?.group === undefined ? 2 : 3
    const shown = prose.show({context: own, level, takeaways: true})
    sections.push(stringifyFragment([sectionElement(own, section, {level, title: region?.name ?? section.heading}, shown)]))
    foreign.push(stringifyFragment([foreignSection(full, brief, index, prose, sources)]))
  })
  const summaries = brief.sections.map((section) => {
    const first = section.children.find((child) => child.type === 'paragraph')
    const text = first ? toString(first).replace(/\s+/g, ' ').trim() : ''
    return truncate(text, 300)
  })
  const targetOf = new Map([...targets].map(([, index]) => [index, ids.takeaway('', index)]))
  return {
    sections,
    foreign,
    notes: stringifyFragment([renderNotes(own, brief.notes, {sources})]),
    targets: brief.takeaways.map((_, index) => targetOf.get(index)),
    summaries,
    sectionKeys: foreign.map((html, index) => contentKey([html, summaries[index] ?? ''], 24)),
    email: renderEmail(brief, {site, imageOf}),
    text: renderText(brief, {
      regions: site.regions,
      imageUrl: (figure) => {
        const image = imageOf(figure.url)
        return image ? absolute(site.settings.baseUrl, paths.image(image.raster.name)) : figure.url
      }
    })
  }
}

/** Notes cited in one section, with the uses that occur in it. */
function sectionNotes(brief: Brief, index: number): {numbers: Set<number>; uses: Map<number, number[]>} {
  const uses = new Map<number, number[]>()
  for (const citation of brief.citations) {
    if (citation.section !== index) continue
    const list = uses.get(citation.number) ?? []
    list.push(citation.use)
    uses.set(citation.number, list)
  }
  return {numbers: new Set(uses.keys()), uses}
}

/** A section as shown on a region page (any regions/<id>/ page): headed by its brief, carrying its own notes. */
function foreignSection(site: Site, brief: Brief, index: number, prose: Prose, sources: ReadonlyMap<Note, ElementContent>): Element {
  const section = brief.sections[index]
  if (!section) throw new RangeError(`no section ${index}`)
  const dir = paths.region(section.regionId)
  const context: BodyContext = {site, pageDir: dir, idPrefix: `${brief.slug}--`}
  const briefHref = relative(dir, paths.brief(brief.slug))
  const {numbers, uses} = sectionNotes(brief, index)
  // brief.notes is sorted by number, so these are too.
  const notes = brief.notes.filter((note) => numbers.has(note.number))
  const after: ElementContent[] =
    notes.length === 0
      ? []
      : [
          h('details', {className: ['section-notes']}, [
            h('summary', `Notes (${notes.length})`),
            renderNotes(context, notes, {uses, sources}),
            h('p', [h('a', {href: `${briefHref}#notes-heading`}, 'All notes of this brief')])
          ])
        ]
  const lead = [
    h('p', {className: ['entry-meta']}, [
      h('time', {dateTime: brief.meta.date}, formatDate(brief.meta.date)),
      ' · ',
      h('a', {href: `${briefHref}#${ids.region('', section.regionId)}`}, 'Read in the full brief')
    ])
  ]
  // Region pages list no takeaways, so no paragraph carries a takeaway's id there.
  const shown = prose.show({context, level: 2, takeaways: false})
  return sectionElement(context, section, {level: 2, title: brief.meta.title, lead, after}, shown)
}
