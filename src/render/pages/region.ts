// render/pages/: each region's pages (its sections, newest first, each from
// its brief's fragments) and the regions index (each region's section count
// and latest date). Pages are cut from the oldest section: the front page
// holds the newest pageSize to 2 × pageSize − 1 sections, and each older
// page a fixed block of pageSize (sections 1-20, 21-40, ... counted from
// the oldest). A new brief then changes the front page of each region it
// has a section on, not every page after it, and an older page's address
// always shows the same sections.
import type {Site} from '../../ast.js'
import type {Archive, BriefSkeleton, RegionEntry} from '../../link/archive.js'
import {regionPage, regionsPage, type RegionSummary} from '../../../templates/region.js'
import type {FragmentReader} from '../fragments.js'
import {yearOf} from '../format.js'
import {fileOf, paths, relative} from '../paths.js'
import {serializePage, stringify, type Html} from '../serialize.js'
import {dated, section, type Job, type PageContext, type Part} from './job.js'
import {dateOf, fragment} from './views.js'

/** One page of a region: which sections (positions in the newest-first list) and where its neighbours are. */
export interface RegionPage {
  /** Its directory or file, a site path. */
  readonly dir: string
  /** Positions of its sections in the region's list, newest first: [start, end). */
  readonly start: number
  readonly end: number
  /** The front page (undefined), or the older page's sections counted from the oldest, 1-based. */
  readonly sections?: {readonly first: number; readonly last: number}
  /** The page of newer sections, and of older ones. */
  readonly newer?: string
  readonly older?: string
}

/** A region's pages, front page first (see the top of this module). */
export function regionPages(id: string, total: number, size: number): RegionPage[] {
  return blockPages(total, size, paths.region(id), (first, last) => paths.regionSections(id, first, last))
}

/**
 * A list's pages, front page first, cut in stable blocks as the top of this
 * module says: region pages' sections, outlet pages' citations. `front`: the
 * front page's directory; `block`: the older page holding items first–last
 * counted from the oldest, 1-based.
 */
export function blockPages(total: number, size: number, front: string, block: (first: number, last: number) => string): RegionPage[] {
  const older = total <= size ? 0 : Math.floor(total / size) - 1
  const blockDir = (index: number) => block((index - 1) * size + 1, index * size)
  const first: RegionPage = {dir: front, start: 0, end: total - older * size, ...(older > 0 ? {older: blockDir(older)} : {})}
  const pages = [first]
  for (let index = older; index >= 1; index--) {
    pages.push({
      dir: blockDir(index),
      start: total - index * size,
      end: total - (index - 1) * size,
      sections: {first: (index - 1) * size + 1, last: index * size},
      newer: index === older ? front : blockDir(index + 1),
      ...(index > 1 ? {older: blockDir(index - 1)} : {})
    })
  }
  return pages
}

export function regionJobs(archive: Archive, context: PageContext): Job[] {
  const {site} = archive
  const size = site.settings.pageSize
  const jobs: Job[] = []
  for (const region of site.regions) {
    const entries = archive.regions.get(region.id) ?? []
    for (const page of regionPages(region.id, entries.length, size)) {
      const slice = entries.slice(page.start, page.end)
      // The front page shows the count; an older page only its own sections and neighbours.
      const frame = page.sections === undefined ? ['front', entries.length, page.older ?? ''] : ['older', page.newer ?? '', page.older ?? '']
      jobs.push({
        path: fileOf(page.dir),
        shows: ['region', region.id, ...frame, ...slice.map(section)],
        ...(slice[0] === undefined ? {} : {rank: context.rankOf(slice[0].brief)}),
        render: () => renderRegionPage(archive, {region, page, slice, total: entries.length}, context.fragments)
      })
    }
  }
  const counts = site.regions.flatMap((region): Part[] => {
    const entries = archive.regions.get(region.id) ?? []
    return [region.id, entries.length, entries[0] && dated(entries[0].brief)]
  })
  jobs.push({path: fileOf(paths.regions), shows: ['regions', ...counts], render: () => renderRegionsIndex(archive)})
  return jobs
}

interface RegionPageData {
  readonly region: Site['regions'][number]
  readonly page: RegionPage
  readonly slice: readonly RegionEntry[]
  readonly total: number
}

function renderRegionPage(archive: Archive, data: RegionPageData, fragments: (brief: BriefSkeleton) => FragmentReader): Html {
  const {site} = archive
  const {region, page} = data
  const dir = page.dir
  const range = page.sections === undefined ? undefined : `sections ${page.sections.first}–${page.sections.last}`
  const tree = regionPage({
    meta: {
      site,
      dir,
      title: range === undefined ? region.name : `${region.name} (${range})`,
      description: `Every section on ${region.name} from ${site.settings.title}, newest first.`,
      feeds: [{title: `${site.settings.title}: ${region.name}`, path: paths.regionFeed(region.id)}]
    },
    name: region.name,
    ...(region.group === undefined ? {} : {group: region.group}),
    aliases: region.aliases,
    entries: data.slice.map((entry) => fragment(fragments(entry.brief).foreign(entry.section))),
    years: data.slice.map((entry) => yearOf(entry.brief.meta.date)),
    ...(page.sections === undefined ? {total: data.total} : {range: page.sections}),
    pager: {
      label: range === undefined ? 'Newest sections' : `Sections ${page.sections?.first ?? 0}–${page.sections?.last ?? 0}`,
      ...(page.newer === undefined ? {} : {previous: relative(dir, page.newer)}),
      ...(page.older === undefined ? {} : {next: relative(dir, page.older)})
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
