// render/pages/: the home page: the latest brief with its takeaways, and a
// link to each of the ten newest.
import type {Archive} from '../../link/archive.js'
import {homePage} from '../../../templates/home.js'
import {renderInline, type BodyContext} from '../body.js'
import {fileOf, paths, relative} from '../paths.js'
import {stringify} from '../serialize.js'
import {listed, whole, type Job, type PageContext} from './job.js'
import {briefLink} from './views.js'

/** How many briefs the home page lists. */
const recentCount = 10

export function homeJobs(archive: Archive, context: PageContext): Job[] {
  const latest = archive.briefs[0]
  const recent = archive.briefs.slice(0, recentCount)
  return [
    {
      path: fileOf(paths.home),
      // The latest brief's takeaways are shown: all of it is in the key, as on its own page.
      shows: ['home', latest && whole(latest), ...recent.map(listed)],
      render: () => renderHome(archive, context)
    }
  ]
}

function renderHome(archive: Archive, {slugs, fragments}: PageContext): string {
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
    recent: archive.briefs.slice(0, recentCount).map((brief) => briefLink(brief, paths.home)),
    archiveHref: relative(paths.home, paths.archive)
  })
  return stringify(tree)
}
