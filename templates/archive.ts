// The archive: every brief by year, and a page per year.
import {h} from 'hastscript'
import type {Root} from 'hast'
import {layout, type PageMeta} from './layout.js'
import {briefList, type BriefLink} from './lists.js'

export interface ArchiveView {
  readonly meta: PageMeta
  readonly years: readonly {year: string; href: string; briefs: readonly BriefLink[]}[]
}

export function archivePage(view: ArchiveView): Root {
  return layout(view.meta, [
    h('h1', 'Archive'),
    ...view.years.flatMap((year) => [h('h2', [h('a', {href: year.href}, year.year)]), briefList(year.briefs)])
  ])
}

export interface YearView {
  readonly meta: PageMeta
  readonly year: string
  readonly briefs: readonly BriefLink[]
  readonly archiveHref: string
}

export function yearPage(view: YearView): Root {
  return layout(view.meta, [
    h('h1', `Briefs of ${view.year}`),
    briefList(view.briefs),
    h('p', [h('a', {href: view.archiveHref}, 'All years')])
  ])
}
