// A region's page: its sections from every brief, newest first, each headed
// by its brief's title and date, with the section's own notes; and the
// index of regions with their section counts and latest dates.
import {h} from 'hastscript'
import type {ElementContent, Root} from 'hast'
import {layout, type PageMeta} from './layout.js'
import {pagination, type Pager} from './lists.js'
import {searchFacets} from './search.js'

export interface RegionView {
  readonly meta: PageMeta
  readonly name: string
  readonly group?: string
  readonly aliases: readonly string[]
  /** Rendered sections, newest first (serialised once and embedded as they are). */
  readonly entries: readonly ElementContent[]
  /** Years of the briefs shown, for the search filter. */
  readonly years: readonly string[]
  /** On the front page: how many sections the region has in all. */
  readonly total?: number
  /** On an older page: which sections it holds, counted from the oldest. */
  readonly range?: {readonly first: number; readonly last: number}
  readonly pager: Pager
  readonly feedHref: string
}

export function regionPage(view: RegionView): Root {
  const intro = [
    view.group === undefined ? undefined : `Part of ${view.group}.`,
    view.aliases.length === 0 ? undefined : `Also known as ${view.aliases.join(', ')}.`,
    view.range !== undefined
      ? `Sections ${view.range.first} to ${view.range.last} of the archive, counted from the oldest; newest first on this page.`
      : `${view.total ?? 0} ${view.total === 1 ? 'section' : 'sections'} in the archive, newest first.`
  ].filter((line): line is string => line !== undefined)
  const header = h('header', {className: ['page-header']}, [
    h('h1', {dataPagefindMeta: 'title'}, view.name),
    h('p', intro.join(' ')),
    h('p', [h('a', {href: view.feedHref}, `Atom feed for ${view.name}`)])
  ])
  return layout(view.meta, [
    ...(view.entries.length === 0
      ? [header, h('p', 'No brief has a section on this region yet.')]
      : [
          // Pagefind indexes the sections (one sub-result per brief), not the pagination. They
          // repeat the briefs' own text, so they weigh less: a brief ranks above its region pages.
          h('div', {className: ['region-entries'], dataPagefindBody: true, dataPagefindWeight: '0.25'}, [
            searchFacets({kind: 'Region', regions: [view.name], years: view.years}),
            header,
            ...view.entries
          ])
        ]),
    ...pagination(view.pager, `${view.name} pages`)
  ])
}

export interface RegionSummary {
  readonly name: string
  readonly href: string
  readonly count: number
  readonly latest?: {iso: string; text: string}
}

export interface RegionsView {
  readonly meta: PageMeta
  readonly groups: readonly {title: string; regions: readonly RegionSummary[]}[]
}

export function regionsPage(view: RegionsView): Root {
  return layout(view.meta, [
    h('h1', 'Regions'),
    ...view.groups.flatMap((group) => [
      h('h2', group.title),
      h(
        'ul',
        {className: ['region-list']},
        group.regions.map((region) =>
          h('li', [
            h('a', {href: region.href}, region.name),
            ` — ${region.count} ${region.count === 1 ? 'section' : 'sections'}`,
            ...(region.latest === undefined ? [] : [', latest ', h('time', {dateTime: region.latest.iso}, region.latest.text)])
          ])
        )
      )
    ])
  ])
}
