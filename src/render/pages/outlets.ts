// render/pages/: the outlet pages (link/outlets.ts says what an outlet is):
// the index of outlets, and each outlet's citations newest first, cut into
// pages in stable blocks like a region's (region.ts's blockPages), so a new
// brief changes the front page of each outlet it cites and no older page.
import type {Site} from '../../ast.js'
import type {Archive} from '../../link/archive.js'
import {outletIndex, type Outlet, type OutletCitation} from '../../link/outlets.js'
import {outletPage, outletsPage} from '../../../templates/sources.js'
import {yearOf} from '../format.js'
import {ids} from '../handlers.js'
import {fileOf, paths, relative} from '../paths.js'
import {serializePage, type Html} from '../serialize.js'
import {dated, listed, type Job, type PageContext, type Part} from './job.js'
import {blockPages, type RegionPage} from './region.js'
import {dateOf, regionOf} from './views.js'

/** The pages of one outlet, front page first. */
export function outletPages(outlet: Outlet, size: number): ReturnType<typeof blockPages> {
  return blockPages(outlet.citations.length, size, paths.outlet(outlet.domain), (first, last) => paths.outletCitations(outlet.domain, first, last))
}

export function outletJobs(archive: Archive, context: PageContext, outlets: readonly Outlet[] = outletIndex(archive.briefs)): Job[] {
  const size = archive.site.settings.pageSize
  const jobs: Job[] = []
  for (const outlet of outlets) {
    const total = outlet.citations.length
    for (const page of outletPages(outlet, size)) {
      const slice = outlet.citations.slice(page.start, page.end)
      const frame = page.sections === undefined ? ['front', total, page.older ?? ''] : ['older', page.newer ?? '', page.older ?? '']
      jobs.push({
        path: fileOf(page.dir),
        // Each citation as the page shows it: its brief listed (slug, title, date), its note, its sections' regions (names are in the site key), and whether it is a link.
        shows: ['outlet', outlet.domain, ...frame, ...slice.flatMap(citationParts)],
        ...(slice[0] === undefined ? {} : {rank: context.rankOf(slice[0].brief)}),
        render: () => renderOutletPage(archive.site, outlet, page, slice)
      })
    }
  }
  const summary = outlets.flatMap((outlet): Part[] => {
    const {citations} = outlet
    const newest = citations[0]
    const oldest = citations[citations.length - 1]
    return [outlet.domain, citations.length, briefCount(outlet), defangedCount(outlet), newest && dated(newest.brief), oldest && dated(oldest.brief)]
  })
  jobs.push({path: fileOf(paths.sources), shows: ['sources', ...summary], render: () => renderOutletsIndex(archive.site, outlets)})
  return jobs
}

function citationParts(citation: OutletCitation): Part[] {
  return [listed(citation.brief), citation.note, citation.sections.map((index) => citation.brief.sections[index]?.regionId ?? '').join(' '), citation.defanged ? 1 : 0]
}

const briefCount = (outlet: Outlet) => new Set(outlet.citations.map((citation) => citation.brief)).size
const defangedCount = (outlet: Outlet) => outlet.citations.filter((citation) => citation.defanged).length

function renderOutletsIndex(site: Site, outlets: readonly Outlet[]): Html {
  const dir = paths.sources
  const tree = outletsPage({
    meta: {site, dir, title: 'Sources', description: `Every outlet ${site.settings.title} cites, with how often and when.`},
    outlets: outlets.flatMap((outlet) => {
      const newest = outlet.citations[0]
      const oldest = outlet.citations[outlet.citations.length - 1]
      if (newest === undefined || oldest === undefined) return []
      return [
        {
          domain: outlet.domain,
          href: relative(dir, paths.outlet(outlet.domain)),
          citations: outlet.citations.length,
          briefs: briefCount(outlet),
          defanged: defangedCount(outlet),
          first: dateOf(oldest.brief.meta.date),
          last: dateOf(newest.brief.meta.date)
        }
      ]
    })
  })
  return serializePage(tree)
}

function renderOutletPage(site: Site, outlet: Outlet, page: RegionPage, slice: readonly OutletCitation[]): Html {
  const dir = page.dir
  const range = page.sections === undefined ? undefined : `citations ${page.sections.first}–${page.sections.last}`
  const tree = outletPage({
    meta: {
      site,
      dir,
      title: range === undefined ? `Source: ${outlet.domain}` : `Source: ${outlet.domain} (${range})`,
      description: `Every note of ${site.settings.title} citing ${outlet.domain}, newest first.`
    },
    domain: outlet.domain,
    citations: slice.map((citation) => {
      const briefDir = paths.brief(citation.brief.slug)
      return {
        brief: {title: citation.brief.meta.title, href: relative(dir, briefDir), date: dateOf(citation.brief.meta.date)},
        note: {number: citation.note, href: `${relative(dir, briefDir)}#${ids.note('', citation.note)}`},
        regions: citation.sections.map((index) => {
          const section = citation.brief.sections[index]
          return section === undefined ? '' : (regionOf(site, section.regionId)?.name ?? section.heading)
        }),
        defanged: citation.defanged
      }
    }),
    ...(page.sections === undefined ? {total: outlet.citations.length} : {range: page.sections}),
    pager: {
      label: range === undefined ? 'Newest citations' : `Citations ${page.sections?.first ?? 0}–${page.sections?.last ?? 0}`,
      ...(page.newer === undefined ? {} : {previous: relative(dir, page.newer)}),
      ...(page.older === undefined ? {} : {next: relative(dir, page.older)})
    },
    indexHref: relative(dir, paths.sources),
    years: [...new Set(slice.map((citation) => yearOf(citation.brief.meta.date)))]
  })
  return serializePage(tree)
}
