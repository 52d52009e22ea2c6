// render/pages/: the pages that show no brief, only the site: the 404 page
// and the search page.
import type {Site} from '../../ast.js'
import type {Archive} from '../../link/archive.js'
import {notFoundPage} from '../../../templates/not-found.js'
import {searchPage} from '../../../templates/search.js'
import {fileOf, paths} from '../paths.js'
import {stringify} from '../serialize.js'
import type {Job} from './job.js'

export function fixedJobs({site}: Archive): Job[] {
  return [
    {path: paths.notFound, shows: ['404'], render: () => renderNotFound(site)},
    {path: fileOf(paths.search), shows: ['search'], render: () => stringify(searchPage(site))}
  ]
}

function renderNotFound(site: Site): string {
  const root = new URL(site.settings.baseUrl).pathname
  const tree = notFoundPage(
    {site, dir: paths.notFound, title: 'Page not found', description: 'There is no page at this address.', rootRelative: true, noindex: true},
    {home: root, archive: `${root}${paths.archive}`}
  )
  return stringify(tree)
}
