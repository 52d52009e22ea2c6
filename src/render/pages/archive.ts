// render/pages/: the archive page (every brief, by year) and a page per
// year: lists of links, so each brief is in their keys by slug, title and date.
import type {Archive, BriefSkeleton} from '../../link/archive.js'
import {archivePage, yearPage} from '../../../templates/archive.js'
import {byYear} from '../format.js'
import {fileOf, paths, relative} from '../paths.js'
import {stringify} from '../serialize.js'
import {listed, type Job} from './job.js'
import {briefLink} from './views.js'

export function archiveJobs(archive: Archive): Job[] {
  const years = byYear(archive.briefs)
  return [
    {path: fileOf(paths.archive), shows: ['archive', ...archive.briefs.map(listed)], render: () => renderArchiveIndex(archive, years)},
    ...[...years].map(([year, briefs]): Job => ({
      path: fileOf(paths.year(year)),
      shows: ['year', year, ...briefs.map(listed)],
      render: () => renderYear(archive, year, briefs)
    }))
  ]
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
