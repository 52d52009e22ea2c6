// render/pages/: what crawlers read: the sitemap (every page's address, each
// brief's with its date) and robots.txt (which points to it).
import type {Archive} from '../../link/archive.js'
import {outletIndex, type Outlet} from '../../link/outlets.js'
import {lastCorrected} from '../../parse/schema.js'
import {sitemap} from '../feeds.js'
import {byYear} from '../format.js'
import {absolute, paths} from '../paths.js'
import {regionPages} from './region.js'
import {outletPages} from './outlets.js'
import {revised, type Job} from './job.js'

export function crawlerJobs(archive: Archive, outlets: readonly Outlet[] = outletIndex(archive.briefs)): Job[] {
  const {site} = archive
  // A region's section count says how many pages it has (pageSize is in the site key); an outlet's citation count likewise.
  const counts = site.regions.flatMap((region) => [region.id, (archive.regions.get(region.id) ?? []).length])
  const outletCounts = outlets.flatMap((outlet) => [outlet.domain, outlet.citations.length])
  return [
    {
      path: paths.sitemap,
      shows: ['sitemap', ...archive.briefs.map(revised), ...counts, 'outlets', ...outletCounts],
      render: () => sitemap(sitemapUrls(archive, outlets))
    },
    {path: 'robots.txt', shows: ['robots'], render: () => `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site.settings.baseUrl, paths.sitemap)}\n`}
  ]
}

function sitemapUrls(archive: Archive, outlets: readonly Outlet[]): {loc: string; lastmod?: string}[] {
  const {site} = archive
  const base = site.settings.baseUrl
  const urls: {loc: string; lastmod?: string}[] = [{loc: absolute(base, paths.home)}]
  // A corrected brief last changed on the day of its latest correction.
  for (const brief of archive.briefs) urls.push({loc: absolute(base, paths.brief(brief.slug)), lastmod: lastCorrected(brief.meta) ?? brief.meta.date})
  urls.push({loc: absolute(base, paths.regions)})
  for (const region of site.regions) {
    const count = (archive.regions.get(region.id) ?? []).length
    for (const page of regionPages(region.id, count, site.settings.pageSize)) urls.push({loc: absolute(base, page.dir)})
  }
  urls.push({loc: absolute(base, paths.sources)})
  for (const outlet of outlets) for (const page of outletPages(outlet, site.settings.pageSize)) urls.push({loc: absolute(base, page.dir)})
  urls.push({loc: absolute(base, paths.archive)})
  for (const year of byYear(archive.briefs).keys()) urls.push({loc: absolute(base, paths.year(year))})
  return urls
}
