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
  readonly page: number
  readonly pages: number
  readonly previous?: string
  readonly next?: string
}

export function pagination(pager: Pager, label: string): Element[] {
  if (pager.pages <= 1) return []
  return [
    h('nav', {className: ['pagination'], ariaLabel: label}, [
      h('ul', [
        ...(pager.previous === undefined ? [] : [h('li', [h('a', {href: pager.previous, rel: 'prev'}, '← Newer')])]),
        h('li', {ariaCurrent: 'page'}, `Page ${pager.page} of ${pager.pages}`),
        ...(pager.next === undefined ? [] : [h('li', [h('a', {href: pager.next, rel: 'next'}, 'Older →')])])
      ])
    ])
  ]
}
