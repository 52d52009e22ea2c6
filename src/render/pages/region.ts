// render/pages/: each region's pages (its sections, newest first, a page of
// `pageSize` at a time, each from its brief's fragments) and the regions
// index (each region's section count and latest date).
import type {Site} from '../../ast.js'
import type {Archive, BriefSkeleton, RegionEntry} from '../../link/archive.js'
import {regionPage, regionsPage, type RegionSummary} from '../../../templates/region.js'
import type {FragmentReader} from '../fragments.js'
import {yearOf} from '../format.js'
import {fileOf, paths, relative} from '../paths.js'
import {serializePage, stringify, type Html} from '../serialize.js'
import {dated, section, type Job, type PageContext, type Part} from './job.js'
import {dateOf, fragment} from './views.js'

export function regionJobs(archive: Archive, context: PageContext): Job[] {
  const {site} = archive
  const size = site.settings.pageSize
  const jobs: Job[] = []
  for (const region of site.regions) {
    const entries = archive.regions.get(region.id) ?? []
    const pages = Math.max(1, Math.ceil(entries.length / size))
    for (let page = 1; page <= pages; page++) {
      const slice = entries.slice((page - 1) * size, page * size)
      jobs.push({
        path: fileOf(paths.region(region.id, page)),
        shows: ['region', region.id, page, pages, entries.length, ...slice.map(section)],
        ...(slice[0] === undefined ? {} : {rank: context.rankOf(slice[0].brief)}),
        render: () => renderRegionPage(archive, {region, page, pages, slice, total: entries.length}, context.fragments)
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
