// render/pages/: what several kinds of page build alike from a brief: its
// date as shown, a link to it in a list, its region's entry in site.yml, a
// fragment embedded as it was serialised.
import type {Site} from '../../ast.js'
import type {BriefSkeleton} from '../../link/archive.js'
import type {BriefLink} from '../../../templates/lists.js'
import {formatDate} from '../format.js'
import {paths, relative} from '../paths.js'
import type {Fragment, Html} from '../serialize.js'

export const dateOf = (day: string) => ({iso: day, text: formatDate(day)})

/** A link to `brief` from the page in folder `from`, with its title and date. */
export function briefLink(brief: BriefSkeleton, from: string): BriefLink {
  return {title: brief.meta.title, href: relative(from, paths.brief(brief.slug)), date: dateOf(brief.meta.date)}
}

/** A region of site.yml by id. */
export function regionOf(site: Site, id: string): Site['regions'][number] | undefined {
  return site.regions.find((region) => region.id === id)
}

/** Our own serialised fragment, embedded as it is (see serialize.ts). */
export function fragment(value: Html): Fragment {
  return {type: 'fragment', value}
}
