// render/pages/: the Atom feeds: the archive's (its newest briefs, each with
// its takeaways) and each region's (its newest sections, each summarised by
// its first paragraph).
import type {Site} from '../../ast.js'
import type {Archive, BriefSkeleton, RegionEntry} from '../../link/archive.js'
import {h} from 'hastscript'
import type {ElementContent} from 'hast'
import {formatDate} from '../format.js'
import {ids, renderInline, type BodyContext} from '../body.js'
import {atom, type FeedEntry} from '../feeds.js'
import type {FragmentReader} from '../fragments.js'
import {absolute, paths} from '../paths.js'
import {leadImage, type LeadImage} from '../lead-image.js'
import {stringifyFragment} from '../serialize.js'
import {lastCorrected} from '../../parse/schema.js'
import {feedEntry, whole, type Job, type PageContext} from './job.js'

export function feedJobs(archive: Archive, context: PageContext): Job[] {
  const {site} = archive
  const feedBriefs = archive.briefs.slice(0, site.settings.feedSize)
  const jobs: Job[] = [{path: paths.feed, shows: ['feed', ...feedBriefs.map(whole)], render: () => renderArchiveFeed(archive, feedBriefs, context.slugs)}]
  for (const region of site.regions) {
    const entries = (archive.regions.get(region.id) ?? []).slice(0, site.settings.feedSize)
    jobs.push({
      path: paths.regionFeed(region.id),
      shows: ['region-feed', region.id, ...entries.map(feedEntry)],
      render: () => renderRegionFeed(archive, region, entries, context.fragments)
    })
  }
  return jobs
}

function renderArchiveFeed(archive: Archive, briefs: readonly BriefSkeleton[], slugs: ReadonlySet<string>): string {
  const {site} = archive
  const base = site.settings.baseUrl
  const entries: FeedEntry[] = briefs.map((brief) => {
    const url = absolute(base, paths.brief(brief.slug))
    const context: BodyContext = {site, pageDir: paths.brief(brief.slug), idPrefix: '', slugs}
    const image = leadImage(archive, brief)
    // The lead figure first, at its absolute URL (feed readers resolve little else), then the takeaways.
    const figure = image === undefined ? [] : [h('p', [h('img', {src: image.url, alt: image.alt, width: image.width, height: image.height})])]
    return {
      title: brief.meta.title,
      url,
      date: brief.meta.date,
      ...updatedOf(brief),
      authors: brief.meta.authors,
      summary: brief.takeaways.map((takeaway) => takeaway.text).join(' '),
      html: stringifyFragment([...corrections(context, brief), ...figure, h('ul', brief.takeaways.map((takeaway) => h('li', renderInline(context, takeaway.content))))]),
      base: url,
      ...withImage(image)
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
        ...updatedOf(entry.brief),
        authors: entry.brief.meta.authors,
        summary: fragments(entry.brief).summaries[entry.section] ?? '',
        ...withImage(leadImage(archive, entry.brief, entry.section))
      }
    })
  })
}

/** A corrected brief's entry says first what was corrected and when: a feed reader shows the entry again, and why. */
function corrections(context: BodyContext, brief: BriefSkeleton): ElementContent[] {
  return brief.corrections.map((entry) => h('p', [h('strong', `Corrected ${formatDate(entry.date)}:`), ' ', ...renderInline(context, entry.content)]))
}

/** A feed entry's last change: its brief's latest correction, so feed readers show the entry again. */
function updatedOf(brief: BriefSkeleton): {updated?: string} {
  const corrected = lastCorrected(brief.meta)
  return corrected === undefined ? {} : {updated: corrected}
}

/** A feed entry's image: its lead figure, as an enclosure. */
function withImage(image: LeadImage | undefined): {image?: LeadImage} {
  return image === undefined ? {} : {image}
}
