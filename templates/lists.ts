// Small pieces shared by list pages: a list of briefs with their dates,
// and previous/next pagination.
import {h} from 'hastscript'
import type {Element} from 'hast'

export interface BriefLink {
  readonly title: string
  readonly href: string
  readonly date: {iso: string; text: string}
}

export function briefList(items: readonly BriefLink[]): Element {
  return h(
    'ul',
    {className: ['brief-list']},
    items.map((item) => h('li', [h('a', {href: item.href}, item.title), ' ', h('time', {dateTime: item.date.iso}, item.date.text)]))
  )
}

export interface Pager {
  /** What this page holds, between the links (`Sections 21–40`); stable, so an older page need not change as pages are added. */
  readonly label: string
  /** The page of newer entries, and of older ones. */
  readonly previous?: string
  readonly next?: string
}

export function pagination(pager: Pager, label: string): Element[] {
  if (pager.previous === undefined && pager.next === undefined) return []
  return [
    h('nav', {className: ['pagination'], ariaLabel: label}, [
      h('ul', [
        ...(pager.previous === undefined ? [] : [h('li', [h('a', {href: pager.previous, rel: 'prev'}, '← Newer')])]),
        h('li', {ariaCurrent: 'page'}, pager.label),
        ...(pager.next === undefined ? [] : [h('li', [h('a', {href: pager.next, rel: 'next'}, 'Older →')])])
      ])
    ])
  ]
}
