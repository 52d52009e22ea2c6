// render/: the linked archive → every file of the built site, in memory.
// Owns which pages exist and what data each template receives; templates own
// the markup. Each brief's prose is rendered here once per page that shows it.
import type {Element, ElementContent, Root} from 'hast'
import type {Raw} from 'mdast-util-to-hast'
import {createHash} from 'node:crypto'
import {unified} from 'unified'
import rehypeStringify from 'rehype-stringify'
import {toString} from 'mdast-util-to-string'
import type {Brief, Site} from '../ast.js'
import type {Archive, RegionEntry} from '../link/archive.js'
import {briefPage} from '../../templates/brief.js'
import {homePage} from '../../templates/home.js'
import {archivePage, yearPage} from '../../templates/archive.js'
import {regionPage, regionsPage, type RegionSummary} from '../../templates/region.js'
import {notFoundPage} from '../../templates/not-found.js'
import {searchPage} from '../../templates/search.js'
import type {BriefLink} from '../../templates/lists.js'
import {h} from 'hastscript'
import {ids, renderInline, renderNotes, renderSection, takeawayTargets, type BodyContext} from './body.js'
import {atom, sitemap, type FeedEntry} from './feeds.js'
import {formatCutoff, formatDate, yearOf} from './format.js'
import {absolute, fileOf, paths, relative} from './paths.js'

export interface OutputFile {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  readonly contents: string | Uint8Array
}

// A frozen processor holds no per-document state.
// Raw nodes are allowed because region pages embed sections serialised by
// this same processor; brief Markdown's raw HTML never reaches hast (the
// mdast `html` handler drops it).
const html = unified().use(rehypeStringify, {allowDangerousHtml: true, characterReferences: {useNamedReferences: false}}).freeze()

export function stringify(tree: Root): string {
  return html.stringify(tree) + '\n'
}

/** Serialise content to embed elsewhere: feed entries, or a section reused on region pages. */
export function stringifyFragment(nodes: ElementContent[]): string {
  return html.stringify({type: 'root', children: nodes})
}

export interface RenderOptions {
  /** A stable key per brief (a hash of its source): pages whose inputs keep their keys are not rendered again. Default: none, render everything. */
  readonly keyOf?: (brief: Brief) => string
  /** What the previous render produced: path → key, and the contents when kept in memory. */
  readonly previous?: ReadonlyMap<string, PreviousFile>
  /** Serialised region-page sections kept across renders (serve keeps one per session). */
  readonly fragments?: FragmentMemo
  /** Part of every page key: settings, regions and the generator's code (default: settings and regions). */
  readonly siteKey?: string
}

export interface PreviousFile {
  readonly key: string
  readonly contents?: string | Uint8Array
}

export interface RenderedFile {
  readonly path: string
  /** Hash of everything the file was rendered from. */
  readonly key: string
  /** The file's bytes; undefined when it is unchanged since `previous` and that file can be reused as it is. */
  readonly contents?: string | Uint8Array
}

/** Serialised sections by brief, then by page folder and section index. */
export type FragmentMemo = WeakMap<Brief, Map<string, string>>

interface Job {
  readonly path: string
  /** Everything the file depends on besides the site (which is in every key). */
  readonly inputs: unknown
  readonly render: () => string
}

export function renderSite(archive: Archive, options: RenderOptions = {}): RenderedFile[] {
  const slugs = new Set(archive.bySlug.keys())
  const {site} = archive
  const keyOf = options.keyOf ?? ((brief: Brief) => brief.slug)
  const fragments = options.fragments ?? new WeakMap<Brief, Map<string, string>>()
  const siteKey = options.siteKey ?? JSON.stringify([site.settings, site.regions])
  // Without brief keys, nothing may be reused: the slug says nothing about the content.
  const reusable = options.keyOf !== undefined
  const jobs: Job[] = []
  const summary = (brief: Brief) => [brief.slug, brief.meta.title, brief.meta.date]

  const neighbours = seriesNeighbours(archive)
  for (const brief of archive.briefs) {
    const around = neighbours.get(brief) ?? {}
    jobs.push({
      path: fileOf(paths.brief(brief.slug)),
      inputs: ['brief', keyOf(brief), around.newer && summary(around.newer), around.older && summary(around.older)],
      render: () => renderBrief(archive, brief, slugs, around)
    })
  }
  const size = site.settings.pageSize
  for (const region of site.regions) {
    const entries = archive.regions.get(region.id) ?? []
    const pages = Math.max(1, Math.ceil(entries.length / size))
    for (let page = 1; page <= pages; page++) {
      const slice = entries.slice((page - 1) * size, page * size)
      jobs.push({
        path: fileOf(paths.region(region.id, page)),
        inputs: ['region', region.id, page, pages, entries.length, slice.map((entry) => [keyOf(entry.brief), entry.section])],
        render: () => renderRegionPage(archive, {region, page, pages, slice, total: entries.length}, slugs, fragments)
      })
    }
    const feedEntries = entries.slice(0, site.settings.feedSize)
    jobs.push({
      path: paths.regionFeed(region.id),
      inputs: ['region-feed', region.id, feedEntries.map((entry) => [keyOf(entry.brief), entry.section])],
      render: () => renderRegionFeed(archive, region, feedEntries)
    })
  }
  const counts = site.regions.map((region) => {
    const entries = archive.regions.get(region.id) ?? []
    return [region.id, entries.length, entries[0]?.brief.meta.date]
  })
  jobs.push({path: fileOf(paths.regions), inputs: ['regions', counts], render: () => renderRegionsIndex(archive)})
  const latest = archive.briefs[0]
  jobs.push({
    path: fileOf(paths.home),
    inputs: ['home', latest && keyOf(latest), archive.briefs.slice(0, 10).map(summary)],
    render: () => renderHome(archive, slugs)
  })
  const years = briefsByYear(archive)
  jobs.push({path: fileOf(paths.archive), inputs: ['archive', archive.briefs.map(summary)], render: () => renderArchiveIndex(archive, years)})
  for (const [year, briefs] of years) {
    jobs.push({path: fileOf(paths.year(year)), inputs: ['year', briefs.map(summary)], render: () => renderYear(archive, year, briefs)})
  }
  const feedBriefs = archive.briefs.slice(0, site.settings.feedSize)
  jobs.push({path: paths.feed, inputs: ['feed', feedBriefs.map(keyOf)], render: () => renderArchiveFeed(archive, feedBriefs, slugs)})
  jobs.push({
    path: paths.sitemap,
    inputs: ['sitemap', archive.briefs.map(summary), counts],
    render: () => sitemap(sitemapUrls(archive))
  })
  jobs.push({
    path: 'robots.txt',
    inputs: ['robots'],
    render: () => `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site.settings.baseUrl, paths.sitemap)}\n`
  })
  jobs.push({path: paths.notFound, inputs: ['404'], render: () => renderNotFound(site)})
  jobs.push({path: fileOf(paths.search), inputs: ['search'], render: () => stringify(searchPage(site))})

  const files = jobs.map((job): RenderedFile => {
    const key = createHash('sha256').update(siteKey).update('\0').update(JSON.stringify(job.inputs)).digest('hex').slice(0, 32)
    const previous = reusable ? options.previous?.get(job.path) : undefined
    if (previous?.key === key) return previous.contents === undefined ? {path: job.path, key} : {path: job.path, key, contents: previous.contents}
    return {path: job.path, key, contents: job.render()}
  })
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Each brief's newer and older neighbour in its series (one pass, not one scan per brief). */
function seriesNeighbours(archive: Archive): Map<Brief, {newer?: Brief; older?: Brief}> {
  const bySeries = new Map<string, Brief[]>()
  for (const brief of archive.briefs) {
    const key = brief.meta.series ?? ''
    const list = bySeries.get(key) ?? []
    list.push(brief)
    bySeries.set(key, list)
  }
  const out = new Map<Brief, {newer?: Brief; older?: Brief}>()
  for (const list of bySeries.values()) {
    list.forEach((brief, i) => {
      const newer = list[i - 1]
      const older = list[i + 1]
      out.set(brief, {...(newer ? {newer} : {}), ...(older ? {older} : {})})
    })
  }
  return out
}

const dateOf = (day: string) => ({iso: day, text: formatDate(day)})

function describe(brief: Brief): string {
  const text = brief.takeaways[0]?.text ?? brief.meta.summary ?? brief.meta.title
  return text.length > 200 ? `${text.slice(0, 197).replace(/\s+\S*$/, '')}…` : text
}

function regionOf(site: Site, id: string) {
  return site.regions.find((region) => region.id === id)
}

/** A brief's sections grouped as regions.yml groups them (consecutive sections of one group share a heading). */
function groupSections(site: Site, brief: Brief, render: (index: number, level: 2 | 3) => Element) {
  const groups: {title?: string; id?: string; sections: Element[]}[] = []
  brief.sections.forEach((section, index) => {
    const group = regionOf(site, section.regionId)?.group
    const last = groups[groups.length - 1]
    if (group === undefined) groups.push({sections: [render(index, 2)]})
    else if (last?.title === group) last.sections.push(render(index, 3))
    else groups.push({title: group, id: `group-${groups.length + 1}`, sections: [render(index, 3)]})
  })
  return groups
}

function renderBrief(archive: Archive, brief: Brief, slugs: ReadonlySet<string>, around: {newer?: Brief; older?: Brief}): string {
  const {site} = archive
  const dir = paths.brief(brief.slug)
  const context: BodyContext = {site, pageDir: dir, idPrefix: '', slugs}
  const targets = takeawayTargets(brief)
  const targetOf = new Map([...targets].map(([, index]) => [index, `#${ids.takeaway('', index)}`]))
  const link = (other: Brief | undefined) => (other ? {title: other.meta.title, href: relative(dir, paths.brief(other.slug))} : undefined)
  const newer = link(around.newer)
  const older = link(around.older)
  const url = absolute(site.settings.baseUrl, dir)
  const tree = briefPage({
    meta: {
      site,
      dir,
      title: brief.meta.title,
      description: describe(brief),
      type: 'article',
      jsonLd: jsonLd(site, brief, url)
    },
    title: brief.meta.title,
    ...(brief.meta.summary === undefined ? {} : {summary: brief.meta.summary}),
    date: dateOf(brief.meta.date),
    cutoff: {iso: brief.meta.cutoff, text: formatCutoff(brief.meta.cutoff, site.settings.zoneNames)},
    authors: brief.meta.authors,
    editors: brief.meta.editors,
    takeaways: brief.takeaways.map((takeaway, index) => {
      const href = targetOf.get(index)
      return {content: renderInline(context, takeaway.content), ...(href === undefined ? {} : {href})}
    }),
    groups: groupSections(site, brief, (index, level) => {
      const section = brief.sections[index]
      if (!section) throw new RangeError(`no section ${index}`)
      return renderSection(context, section, {level, targets, title: regionOf(site, section.regionId)?.name ?? section.heading})
    }),
    notes: renderNotes(context, brief.notes),
    tags: brief.meta.tags,
    ...(newer === undefined ? {} : {newer}),
    ...(older === undefined ? {} : {older})
  })
  return stringify(tree)
}

function jsonLd(site: Site, brief: Brief, url: string): Record<string, unknown> {
  const person = (p: {name: string; org: string}) => ({'@type': 'Person', name: p.name, affiliation: {'@type': 'Organization', name: p.org}})
  return {
    '@context': 'https://schema.org',
    '@type': 'Report',
    headline: brief.meta.title,
    url,
    mainEntityOfPage: url,
    datePublished: brief.meta.date,
    inLanguage: site.settings.language,
    author: brief.meta.authors.map(person),
    ...(brief.meta.editors.length === 0 ? {} : {editor: brief.meta.editors.map(person)}),
    ...(site.settings.publisher === undefined ? {} : {publisher: {'@type': 'Organization', name: site.settings.publisher}}),
    about: brief.sections.map((section) => regionOf(site, section.regionId)?.name ?? section.heading),
    abstract: brief.takeaways.map((takeaway) => takeaway.text).join(' '),
    ...(brief.meta.tags.length === 0 ? {} : {keywords: brief.meta.tags.join(', ')})
  }
}

/** Notes cited in one section, with the uses that occur in it. */
function sectionNotes(brief: Brief, index: number): {numbers: number[]; uses: Map<number, number[]>} {
  const uses = new Map<number, number[]>()
  for (const citation of brief.citations) {
    if (citation.section !== index) continue
    const list = uses.get(citation.number) ?? []
    list.push(citation.use)
    uses.set(citation.number, list)
  }
  return {numbers: [...uses.keys()].sort((a, b) => a - b), uses}
}

/** A section as shown on a page other than its brief's: headed by the brief, carrying its own notes. */
function foreignSection(archive: Archive, brief: Brief, index: number, dir: string, slugs: ReadonlySet<string>): Element {
  const section = brief.sections[index]
  if (!section) throw new RangeError(`no section ${index}`)
  const context: BodyContext = {site: archive.site, pageDir: dir, idPrefix: `${brief.slug}--`, slugs}
  const briefHref = relative(dir, paths.brief(brief.slug))
  const {numbers, uses} = sectionNotes(brief, index)
  const notes = brief.notes.filter((note) => numbers.includes(note.number))
  const after: ElementContent[] =
    notes.length === 0
      ? []
      : [
          h('details', {className: ['section-notes']}, [
            h('summary', `Notes (${notes.length})`),
            renderNotes(context, notes, {uses}),
            h('p', [h('a', {href: `${briefHref}#notes-heading`}, 'All notes of this brief')])
          ])
        ]
  return renderSection(context, section, {
    level: 2,
    targets: new Map(),
    title: brief.meta.title,
    lead: [h('p', {className: ['entry-meta']}, [h('time', {dateTime: brief.meta.date}, formatDate(brief.meta.date)), ' · ', h('a', {href: `${briefHref}#${ids.region('', section.regionId)}`}, 'Read in the full brief')])],
    after
  })
}

interface RegionPageData {
  readonly region: Site['regions'][number]
  readonly page: number
  readonly pages: number
  readonly slice: readonly RegionEntry[]
  readonly total: number
}

/** A section as serialised for a region page, kept per brief so a rebuild serialises only new ones. */
function foreignFragment(archive: Archive, entry: RegionEntry, dir: string, slugs: ReadonlySet<string>, fragments: FragmentMemo): string {
  let memo = fragments.get(entry.brief)
  if (!memo) {
    memo = new Map()
    fragments.set(entry.brief, memo)
  }
  const key = `${dir}|${entry.section}`
  let html = memo.get(key)
  if (html === undefined) {
    html = stringifyFragment([foreignSection(archive, entry.brief, entry.section, dir, slugs)])
    memo.set(key, html)
  }
  return html
}

function renderRegionPage(archive: Archive, data: RegionPageData, slugs: ReadonlySet<string>, fragments: FragmentMemo): string {
  const {site} = archive
  const {region, page, pages} = data
  const dir = paths.region(region.id, page)
  const tree = regionPage({
    meta: {
      site,
      dir,
      title: page === 1 ? region.name : `${region.name} (page ${page})`,
      description: `Every section on ${region.name} from ${site.settings.title}, newest first.`,
      feeds: [{title: `${site.settings.title}: ${region.name}`, path: paths.regionFeed(region.id)}]
    },
    name: region.name,
    ...(region.group === undefined ? {} : {group: region.group}),
    aliases: region.aliases,
    // Our own serialised hast (raw HTML from briefs is never in it: the html handler drops it).
    entries: data.slice.map((entry): Raw => ({type: 'raw', value: foreignFragment(archive, entry, dir, slugs, fragments)})),
    years: data.slice.map((entry) => yearOf(entry.brief.meta.date)),
    total: data.total,
    pager: {
      page,
      pages,
      ...(page > 1 ? {previous: relative(dir, paths.region(region.id, page - 1))} : {}),
      ...(page < pages ? {next: relative(dir, paths.region(region.id, page + 1))} : {})
    },
    feedHref: relative(dir, paths.regionFeed(region.id))
  })
  return stringify(tree)
}

function renderRegionsIndex(archive: Archive): string {
  const {site} = archive
  const groups: {title: string; regions: RegionSummary[]}[] = []
  for (const region of site.regions) {
    const title = region.group ?? 'Other regions'
    let group = groups.find((g) => g.title === title)
    if (!group) {
      group = {title, regions: []}
      groups.push(group)
    }
    const entries = archive.regions.get(region.id) ?? []
    const latest = entries[0]?.brief.meta.date
    group.regions.push({
      name: region.name,
      href: relative(paths.regions, paths.region(region.id)),
      count: entries.length,
      ...(latest === undefined ? {} : {latest: dateOf(latest)})
    })
  }
  // Ungrouped regions come last, after the named groups.
  groups.sort((a, b) => Number(a.title === 'Other regions') - Number(b.title === 'Other regions'))
  const tree = regionsPage({
    meta: {site, dir: paths.regions, title: 'Regions', description: `The regions ${site.settings.title} covers, with their latest sections.`},
    groups
  })
  return stringify(tree)
}

function briefLink(brief: Brief, from: string): BriefLink {
  return {title: brief.meta.title, href: relative(from, paths.brief(brief.slug)), date: dateOf(brief.meta.date)}
}

function renderHome(archive: Archive, slugs: ReadonlySet<string>): string {
  const {site} = archive
  const latest = archive.briefs[0]
  let latestView
  if (latest) {
    const context: BodyContext = {site, pageDir: paths.home, idPrefix: '', slugs}
    const targets = takeawayTargets(latest)
    const targetOf = new Map([...targets].map(([, index]) => [index, ids.takeaway('', index)]))
    const href = relative(paths.home, paths.brief(latest.slug))
    latestView = {
      ...briefLink(latest, paths.home),
      takeaways: latest.takeaways.map((takeaway, index) => {
        const id = targetOf.get(index)
        return {content: renderInline(context, takeaway.content), ...(id === undefined ? {} : {href: `${href}#${id}`})}
      })
    }
  }
  const tree = homePage({
    meta: {site, dir: paths.home, title: site.settings.title, description: site.settings.description},
    title: site.settings.title,
    description: site.settings.description,
    ...(latestView === undefined ? {} : {latest: latestView}),
    recent: archive.briefs.slice(0, 10).map((brief) => briefLink(brief, paths.home)),
    archiveHref: relative(paths.home, paths.archive)
  })
  return stringify(tree)
}

function briefsByYear(archive: Archive): Map<string, Brief[]> {
  const years = new Map<string, Brief[]>()
  for (const brief of archive.briefs) {
    const year = yearOf(brief.meta.date)
    const list = years.get(year) ?? []
    list.push(brief)
    years.set(year, list)
  }
  return years
}

function renderArchiveIndex(archive: Archive, years: ReadonlyMap<string, Brief[]>): string {
  const {site} = archive
  const index = archivePage({
    meta: {site, dir: paths.archive, title: 'Archive', description: `Every brief of ${site.settings.title}, by year.`},
    years: [...years].map(([year, briefs]) => ({
      year,
      href: relative(paths.archive, paths.year(year)),
      briefs: briefs.map((brief) => briefLink(brief, paths.archive))
    }))
  })
  return stringify(index)
}

function renderYear(archive: Archive, year: string, briefs: readonly Brief[]): string {
  const {site} = archive
  const dir = paths.year(year)
  const tree = yearPage({
    meta: {site, dir, title: `Briefs of ${year}`, description: `The briefs ${site.settings.title} published in ${year}.`},
    year,
    briefs: briefs.map((brief) => briefLink(brief, dir)),
    archiveHref: relative(dir, paths.archive)
  })
  return stringify(tree)
}

function renderArchiveFeed(archive: Archive, briefs: readonly Brief[], slugs: ReadonlySet<string>): string {
  const {site} = archive
  const base = site.settings.baseUrl
  const entries: FeedEntry[] = briefs.map((brief) => {
    const url = absolute(base, paths.brief(brief.slug))
    const context: BodyContext = {site, pageDir: paths.brief(brief.slug), idPrefix: '', slugs}
    return {
      title: brief.meta.title,
      url,
      date: brief.meta.date,
      authors: brief.meta.authors,
      summary: brief.takeaways.map((takeaway) => takeaway.text).join(' '),
      html: stringifyFragment([h('ul', brief.takeaways.map((takeaway) => h('li', renderInline(context, takeaway.content))))]),
      base: url
    }
  })
  return atom({
    title: site.settings.title,
    subtitle: site.settings.description,
    self: absolute(base, paths.feed),
    alternate: base,
    language: site.settings.language,
    author: site.settings.publisher ?? site.settings.title,
    entries
  })
}

/**
 * A region's feed: each entry is a section, summarised by its first
 * paragraph and linking to the section in its brief (full sections would
 * make every region feed as heavy as the region pages themselves).
 */
function renderRegionFeed(archive: Archive, region: Site['regions'][number], entries: readonly RegionEntry[]): string {
  const {site} = archive
  const base = site.settings.baseUrl
  return atom({
    title: `${site.settings.title}: ${region.name}`,
    subtitle: `Every section on ${region.name}, newest first.`,
    self: absolute(base, paths.regionFeed(region.id)),
    alternate: absolute(base, paths.region(region.id)),
    language: site.settings.language,
    author: site.settings.publisher ?? site.settings.title,
    entries: entries.map((entry): FeedEntry => {
      const section = entry.brief.sections[entry.section]
      const dir = paths.brief(entry.brief.slug)
      return {
        title: `${entry.brief.meta.title}: ${region.name}`,
        url: `${absolute(base, dir)}#${ids.region('', section?.regionId ?? region.id)}`,
        date: entry.brief.meta.date,
        authors: entry.brief.meta.authors,
        summary: section ? plainSummary(section.children) : ''
      }
    })
  })
}

function plainSummary(children: Brief['sections'][number]['children']): string {
  const first = children.find((child) => child.type === 'paragraph')
  const text = first ? toString(first).replace(/\s+/g, ' ').trim() : ''
  return text.length > 300 ? `${text.slice(0, 297).replace(/\s+\S*$/, '')}…` : text
}

function sitemapUrls(archive: Archive): {loc: string; lastmod?: string}[] {
  const {site} = archive
  const base = site.settings.baseUrl
  const urls: {loc: string; lastmod?: string}[] = [{loc: absolute(base, paths.home)}]
  for (const brief of archive.briefs) urls.push({loc: absolute(base, paths.brief(brief.slug)), lastmod: brief.meta.date})
  urls.push({loc: absolute(base, paths.regions)})
  for (const region of site.regions) {
    const count = (archive.regions.get(region.id) ?? []).length
    const pages = Math.max(1, Math.ceil(count / site.settings.pageSize))
    for (let page = 1; page <= pages; page++) urls.push({loc: absolute(base, paths.region(region.id, page))})
  }
  urls.push({loc: absolute(base, paths.archive)})
  const years = [...new Set(archive.briefs.map((brief) => yearOf(brief.meta.date)))]
  for (const year of years) urls.push({loc: absolute(base, paths.year(year))})
  return urls
}

function renderNotFound(site: Site): string {
  const root = new URL(site.settings.baseUrl).pathname
  const tree = notFoundPage(
    {site, dir: paths.notFound, title: 'Page not found', description: 'There is no page at this address.', rootRelative: true, noindex: true},
    {home: root, archive: `${root}${paths.archive}`}
  )
  return stringify(tree)
}
