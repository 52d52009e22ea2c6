// render/pages/: one module per kind of page, each a function from the
// archive to that kind's jobs: which pages exist, what each shows, how it is
// rendered. This module owns what they share: the Job, and the parts a page
// is declared to show, from which both its key's inputs and the memo's
// dependencies are derived (render/site.ts), so the two cannot disagree.
import type {BriefSkeleton, RegionEntry} from '../../link/archive.js'
import {lastCorrected} from '../../parse/schema.js'
import type {FragmentReader} from '../fragments.js'
import type {Html} from '../serialize.js'

/**
 * How much of a brief a page shows, and so what of it is in the page's key:
 * `whole`, all of it (its own page, the archive feed: the brief's key);
 * `listed`, a link in a list (slug, title, date); `dated`, its address and
 * date alone (the regions index, the outlet index); `revised`, its address,
 * date and the day of its latest correction (the sitemap's lastmod).
 */
export type BriefView = 'whole' | 'listed' | 'dated' | 'revised'

/** What a page shows of one section: as on a region page, or as a region feed's entry (which adds the authors and the day last corrected). */
export type SectionView = 'section' | 'feed-entry'

/**
 * One thing a page shows. A plain value is compared and hashed as it is; a
 * brief (or one of its sections) is compared by identity, since a brief is
 * never changed once parsed, and hashed through its view (`PartKeys`).
 */
export type Part =
  | string
  | number
  | undefined
  | {readonly brief: BriefSkeleton; readonly view: BriefView}
  | {readonly entry: RegionEntry; readonly view: SectionView}

export const whole = (brief: BriefSkeleton): Part => ({brief, view: 'whole'})
export const listed = (brief: BriefSkeleton): Part => ({brief, view: 'listed'})
export const dated = (brief: BriefSkeleton): Part => ({brief, view: 'dated'})
export const revised = (brief: BriefSkeleton): Part => ({brief, view: 'revised'})
export const section = (entry: RegionEntry): Part => ({entry, view: 'section'})
export const feedEntry = (entry: RegionEntry): Part => ({entry, view: 'feed-entry'})

export interface Job {
  /** Path inside the output folder, `/`-separated. */
  readonly path: string
  /** Everything the file shows besides the site (which is in every key): its kind first. */
  readonly shows: readonly Part[]
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

/** What every kind of page reads besides the archive. */
export interface PageContext {
  /** Slugs of the archive's briefs: a link to another brief is a link only if it is one of them. */
  readonly slugs: ReadonlySet<string>
  /** A brief's fragments; throws if it has none (a skeleton has no prose left to render). */
  readonly fragments: (brief: BriefSkeleton) => FragmentReader
  /** A brief's position in the archive, newest first (see `Job.rank`). */
  readonly rankOf: (brief: BriefSkeleton) => number
}

/** How the parts of a page are hashed: what a brief's key and a section's key are. */
export interface PartKeys {
  readonly keyOf: (brief: BriefSkeleton) => string
  /** What a region page shows of a section (its brief's title and date head it). */
  readonly sectionOf: (entry: RegionEntry) => unknown
}

/**
 * What `shows` is compared by from one render to the next: each value and
 * brief as it is, each section as its brief and index, each with its view.
 * When they are all the same, so is the page key (see `RenderOptions.keyMemo`).
 */
export function depsOf(shows: readonly Part[]): unknown[] {
  const deps: unknown[] = []
  for (const part of shows) {
    if (typeof part !== 'object') deps.push(part)
    else if ('brief' in part) deps.push(part.view, part.brief)
    else deps.push(part.view, part.entry.brief, part.entry.section)
  }
  return deps
}

/** What `shows` is hashed as: each part's view of its brief or section. */
export function inputsOf(shows: readonly Part[], keys: PartKeys): unknown[] {
  return shows.map((part) => {
    if (typeof part !== 'object') return part
    if ('entry' in part) {
      const {entry} = part
      return part.view === 'section' ? keys.sectionOf(entry) : [keys.sectionOf(entry), entry.brief.meta.authors, lastCorrected(entry.brief.meta)]
    }
    const {brief} = part
    switch (part.view) {
      case 'whole':
        return keys.keyOf(brief)
      case 'listed':
        return [brief.slug, brief.meta.title, brief.meta.date]
      case 'dated':
        return [brief.slug, brief.meta.date]
      case 'revised':
        return [brief.slug, brief.meta.date, lastCorrected(brief.meta)]
    }
  })
}
