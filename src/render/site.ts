// render/: the linked archive → every file of the built site, in memory.
// Owns which pages exist and what data each template receives; templates own
// the markup. Briefs are skeletons: their prose comes as fragments rendered
// when each brief was compiled (fragments.ts), spliced into every page that
// shows it.
import type {ElementContent} from 'hast'
import type {Site} from '../ast.js'
import {contentKey} from '../content-key.js'
import type {Archive, BriefSkeleton, RegionEntry} from '../link/archive.js'
import {briefPage} from '../../templates/brief.js'
import {homePage} from '../../templates/home.js'
import {archivePage, yearPage} from '../../templates/archive.js'
import {regionPage, regionsPage, type RegionSummary} from '../../templates/region.js'
import {notFoundPage} from '../../templates/not-found.js'
import {searchPage} from '../../templates/search.js'
import type {BriefLink} from '../../templates/lists.js'
import {h} from 'hastscript'
import {renderInline, type BodyContext} from './body.js'
import type {FragmentReader} from './fragments.js'
import {serializePage, stringify, stringifyFragment, type Fragment, type Html} from './serialize.js'
import {ids} from './body.js'
import {atom, sitemap, type FeedEntry} from './feeds.js'
import {byYear, formatCutoff, formatDate, truncate, yearOf} from './format.js'
import {absolute, fileOf, paths, relative} from './paths.js'

export interface OutputFile {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  readonly contents: string | Uint8Array
}

export {stringify, stringifyFragment} from './serialize.js'

export interface RenderOptions {
  /** A stable key per brief (a hash of its source): a caller need not render again pages whose keys are unchanged (build/builder.ts). Default: none, keys that say nothing of the content. */
  readonly keyOf?: (brief: BriefSkeleton) => string
  /**
   * Each brief's serialised prose (render/fragments.ts), rendered when it was
   * compiled: a skeleton has no prose left to render here.
   */
  readonly fragmentsOf: (brief: BriefSkeleton) => FragmentReader | undefined
  /** Each brief's section keys (render/fragments.ts), when known without its fragments. Default: from `fragmentsOf`. */
  readonly sectionKeysOf?: (brief: BriefSkeleton) => readonly string[] | undefined
  /** Part of every page key: settings, regions and the generator's code (default: settings and regions). */
  readonly siteKey?: string
  /**
   * Each page's key and what it was computed from, kept by the caller from
   * one render to the next (serve's builder); updated here. Default: none,
   * every key is computed.
   */
  readonly keyMemo?: Map<string, KeyMemo>
}

/** A page key, and the site key and job dependencies it was computed from. */
export interface KeyMemo {
  readonly siteKey: string
  readonly deps: readonly unknown[]
  readonly key: string
}

/** What a previous build produced of a file (build/builder.ts): its key, and its contents when kept in memory. */
export interface PreviousFile {
  readonly key: string
  readonly contents?: string | Uint8Array
}

interface Job {
  readonly path: string
  /** Everything the file depends on besides the site (which is in every key). */
  readonly inputs: () => unknown
  /**
   * The objects and values `inputs` is computed from (briefs, which are
   * never changed once parsed, and plain values): when each is the same as
   * at the previous render (`keyMemo`), so is the key, and it is not
   * hashed again. serve's rebuild after a save hashed every page's inputs,
   * ~20 ms at 1,000 briefs.
   */
  readonly deps: readonly unknown[]
  readonly render: () => Html
  /**
   * When to render it: the position in the archive of the newest brief it
   * shows (default: after every brief). Pages showing the same briefs are
   * then rendered together, and a brief's fragments, read back from the
   * cache, are still among the recent ones (build/builder.ts) when the next page
   * needs them: region by region, every region page re-read every brief.
   */
  readonly rank?: number
}

/** One file of the site, not rendered yet. */
export interface PagePlan {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  /** Hash of everything the file shows (see `RenderOptions.keyMemo`). */
  key(): string
  render(): Html
}

/**
 * Every file of the site, newest briefs' pages first (see `Job.rank`), each
 * with its key and how to render it: a build first finds which files
 * changed, and loads what rendering needs only if some did; it then writes
 * each page and lets it go, so memory holds one page, not the whole site.
 */
export function planPages(archive: Archive, options: RenderOptions): PagePlan[] {
  const slugs = new Set(archive.bySlug.keys())
  const {site} = archive
  const keyOf = options.keyOf ?? ((brief: BriefSkeleton) => brief.slug)
  const fragments = (brief: BriefSkeleton): FragmentReader => {
    const given = options.fragmentsOf(brief)
    // A skeleton has no prose left to render: a missing fragment is a bug, never an empty page.
    if (!given) throw new Error(`internal: no rendered fragments for ${brief.file}`)
    return given
  }
  const siteKey = options.siteKey ?? JSON.stringify([site.settings, site.regions])
  // Without brief keys, nothing may be reused: the slug says nothing about the content.
  const reusable = options.keyOf !== undefined
  const jobs: Job[] = []
  const summary = (brief: BriefSkeleton) => [brief.slug, brief.meta.title, brief.meta.date]

  const sectionInput = (entry: RegionEntry) =>
    reusable
      ? [
          entry.brief.slug,
          entry.brief.meta.title,
          entry.brief.meta.date,
          (options.sectionKeysOf?.(entry.brief) ?? fragments(entry.brief).sectionKeys)[entry.section]
        ]
      : [keyOf(entry.brief), entry.section]
  const neighbours = seriesNeighbours(archive)
  const rankOf = new Map(archive.briefs.map((brief, index) => [brief, index]))
  for (const brief of archive.briefs) {
    const around = neighbours.get(brief) ?? {}
    jobs.push({
      path: fileOf(paths.brief(brief.slug)),
      rank: rankOf.get(brief) ?? 0,
      deps: [brief, around.newer, around.older],
      inputs: () => ['brief', keyOf(brief), around.newer && summary(around.newer), around.older && summary(around.older)],
      render: () => renderBrief(archive, brief, slugs, around, fragments(brief))
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
        // What each section shows, plus the brief's title and date that head it.
        inputs: () => ['region', region.id, page, pages, entries.length, slice.map((entry) => sectionInput(entry))],
        deps: [region.id, page, pages, entries.length, ...entriesDeps(slice)],
        ...(slice[0] === undefined ? {} : {rank: rankOf.get(slice[0].brief) ?? 0}),
        render: () => renderRegionPage(archive, {region, page, pages, slice, total: entries.length}, fragments)
      })
    }
    const feedEntries = entries.slice(0, site.settings.feedSize)
    jobs.push({
      path: paths.regionFeed(region.id),
      inputs: () => ['region-feed', region.id, feedEntries.map((entry) => [sectionInput(entry), entry.brief.meta.authors])],
      deps: [region.id, ...entriesDeps(feedEntries)],
      render: () => renderRegionFeed(archive, region, feedEntries, fragments)
    })
  }
  const counts = site.regions.map((region) => {
    const entries = archive.regions.get(region.id) ?? []
    return [region.id, entries.length, entries[0]?.brief.meta.date]
  })
  const countsDeps = site.regions.flatMap((region) => {
    const entries = archive.regions.get(region.id) ?? []
    return [region.id, entries.length, entries[0]?.brief]
  })
  jobs.push({path: fileOf(paths.regions), inputs: () => ['regions', counts], deps: countsDeps, render: () => renderRegionsIndex(archive)})
  const latest = archive.briefs[0]
  const recent = archive.briefs.slice(0, 10)
  jobs.push({
    path: fileOf(paths.home),
    inputs: () => ['home', latest && keyOf(latest), recent.map(summary)],
    deps: recent,
    render: () => renderHome(archive, slugs, fragments)
  })
  const years = byYear(archive.briefs)
  jobs.push({
    path: fileOf(paths.archive),
    inputs: () => ['archive', archive.briefs.map(summary)],
    deps: archive.briefs,
    render: () => renderArchiveIndex(archive, years)
  })
  for (const [year, briefs] of years) {
    jobs.push({path: fileOf(paths.year(year)), inputs: () => ['year', briefs.map(summary)], deps: briefs, render: () => renderYear(archive, year, briefs)})
  }
  const feedBriefs = archive.briefs.slice(0, site.settings.feedSize)
  jobs.push({path: paths.feed, inputs: () => ['feed', feedBriefs.map(keyOf)], deps: feedBriefs, render: () => renderArchiveFeed(archive, feedBriefs, slugs)})
  jobs.push({
    path: paths.sitemap,
    inputs: () => ['sitemap', archive.briefs.map(summary), counts],
    deps: [...archive.briefs, ...countsDeps],
    render: () => sitemap(sitemapUrls(archive))
  })
  jobs.push({
    path: 'robots.txt',
    inputs: () => ['robots'],
    deps: [],
    render: () => `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site.settings.baseUrl, paths.sitemap)}\n`
  })
  jobs.push({path: paths.notFound, inputs: () => ['404'], deps: [], render: () => renderNotFound(site)})
  jobs.push({path: fileOf(paths.search), inputs: () => ['search'], deps: [], render: () => stringify(searchPage(site))})

  const last = archive.briefs.length
  jobs.sort((a, b) => (a.rank ?? last) - (b.rank ?? last) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const memo = reusable ? options.keyMemo : undefined
  const keyOfJob = (job: Job): string => {
    const known = memo?.get(job.path)
    if (known?.siteKey === siteKey && sameDeps(known.deps, job.deps)) return known.key
    const key = contentKey([siteKey, JSON.stringify(job.inputs())], 32)
    memo?.set(job.path, {siteKey, deps: job.deps, key})
    return key
  }
  if (memo) {
    // Pages gone from the site are forgotten.
    const current = new Set(jobs.map((job) => job.path))
    for (const file of memo.keys()) if (!current.has(file)) memo.delete(file)
  }
  return jobs.map((job) => ({path: job.path, key: () => keyOfJob(job), render: job.render}))
}

/** What a list of region entries depends on: each brief (never changed once parsed) and section. */
function entriesDeps(entries: readonly RegionEntry[]): unknown[] {
  return entries.flatMap((entry) => [entry.brief, entry.section])
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index])
}

/** Each brief's newer and older neighbour in its series (one pass, not one scan per brief). */
function seriesNeighbours(archive: Archive): Map<BriefSkeleton, {newer?: BriefSkeleton; older?: BriefSkeleton}> {
  const bySeries = new Map<string, BriefSkeleton[]>()
  for (const brief of archive.briefs) {
    const key = brief.meta.series ?? ''
    const list = bySeries.get(key) ?? []
    list.push(brief)
    bySeries.set(key, list)
  }
  const out = new Map<BriefSkeleton, {newer?: BriefSkeleton; older?: BriefSkeleton}>()
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

function describe(brief: BriefSkeleton): string {
  const text = brief.takeaways[0]?.text ?? brief.meta.summary ?? brief.meta.title
  return truncate(text, 200)
}

function regionOf(site: Site, id: string) {
  return site.regions.find((region) => region.id === id)
}

/** A brief's sections grouped as regions.yml groups them (consecutive sections of one group share a heading). */
function groupSections(site: Site, brief: BriefSkeleton, fragments: FragmentReader) {
  const groups: {title?: string; id?: string; sections: ElementContent[]}[] = []
  brief.sections.forEach((section, index) => {
    const group = regionOf(site, section.regionId)?.group
    const last = groups[groups.length - 1]
    const html = fragment(fragments.section(index))
    if (group === undefined) groups.push({sections: [html]})
    else if (last?.title === group) last.sections.push(html)
    else groups.push({title: group, id: `group-${groups.length + 1}`, sections: [html]})
  })
  return groups
}

function renderBrief(
  archive: Archive,
  brief: BriefSkeleton,
  slugs: ReadonlySet<string>,
  around: {newer?: BriefSkeleton; older?: BriefSkeleton},
  fragments: FragmentReader
): Html {
  const {site} = archive
  const dir = paths.brief(brief.slug)
  const context: BodyContext = {site, pageDir: dir, idPrefix: '', slugs}
  const link = (other: BriefSkeleton | undefined) => (other ? {title: other.meta.title, href: relative(dir, paths.brief(other.slug))} : undefined)
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
      const target = fragments.targets[index]
      return {content: renderInline(context, takeaway.content), ...(target === undefined ? {} : {href: `#${target}`})}
    }),
    groups: groupSections(site, brief, fragments),
    regions: brief.sections.map((section) => regionOf(site, section.regionId)?.name ?? section.heading),
    notes: fragment(fragments.notes()),
    tags: brief.meta.tags,
    ...(newer === undefined ? {} : {newer}),
    ...(older === undefined ? {} : {older})
  })
  return serializePage(tree)
}

/** Our own serialised fragment, embedded as it is (see serialize.ts). */
function fragment(value: Html): Fragment {
  return {type: 'fragment', value}
}

function jsonLd(site: Site, brief: BriefSkeleton, url: string): Record<string, unknown> {
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

interface RegionPageData {
  readonly region: Site['regions'][number]
  readonly page: number
  readonly pages: number
  readonly slice: readonly RegionEntry[]
  readonly total: number
}

function renderRegionPage(archive: Archive, data: RegionPageData, fragments: (brief: BriefSkeleton) => FragmentReader): Html {
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
    entries: data.slice.map((entry) => fragment(fragments(entry.brief).foreign(entry.section))),
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
  return serializePage(tree)
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

function briefLink(brief: BriefSkeleton, from: string): BriefLink {
  return {title: brief.meta.title, href: relative(from, paths.brief(brief.slug)), date: dateOf(brief.meta.date)}
}

function renderHome(archive: Archive, slugs: ReadonlySet<string>, fragments: (brief: BriefSkeleton) => FragmentReader): string {
  const {site} = archive
  const latest = archive.briefs[0]
  let latestView
  if (latest) {
    const context: BodyContext = {site, pageDir: paths.home, idPrefix: '', slugs}
    const {targets} = fragments(latest)
    const href = relative(paths.home, paths.brief(latest.slug))
    latestView = {
      ...briefLink(latest, paths.home),
      takeaways: latest.takeaways.map((takeaway, index) => {
        const id = targets[index]
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

function renderArchiveIndex(archive: Archive, years: ReadonlyMap<string, BriefSkeleton[]>): string {
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

function renderYear(archive: Archive, year: string, briefs: readonly BriefSkeleton[]): string {
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

function renderArchiveFeed(archive: Archive, briefs: readonly BriefSkeleton[], slugs: ReadonlySet<string>): string {
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
function renderRegionFeed(
  archive: Archive,
  region: Site['regions'][number],
  entries: readonly RegionEntry[],
  fragments: (brief: BriefSkeleton) => FragmentReader
): string {
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
        summary: fragments(entry.brief).summaries[entry.section] ?? ''
      }
    })
  })
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
  for (const year of byYear(archive.briefs).keys()) urls.push({loc: absolute(base, paths.year(year))})
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
