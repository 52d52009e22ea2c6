// The home page: the latest brief's key takeaways and the recent briefs.
import {h} from 'hastscript'
import type {ElementContent, Root} from 'hast'
import {layout, type PageMeta} from './layout.js'
import {briefList, type BriefLink} from './lists.js'

export interface HomeView {
  readonly meta: PageMeta
  readonly title: string
  readonly description: string
  readonly latest?: BriefLink & {takeaways: readonly {content: ElementContent[]; href?: string}[]}
  readonly recent: readonly BriefLink[]
  readonly archiveHref: string
}

export function homePage(view: HomeView): Root {
  const latest = view.latest
  return layout(view.meta, [
    h('h1', view.title),
    h('p', {className: ['lede']}, view.description),
    ...(latest === undefined
      ? [h('p', 'No briefs have been published yet.')]
      : [
          h('section', {className: ['latest'], ariaLabelledBy: 'latest-heading'}, [
            h('h2', {id: 'latest-heading'}, ['Latest: ', h('a', {href: latest.href}, latest.title)]),
            h('p', [h('time', {dateTime: latest.date.iso}, latest.date.text)]),
            h('h3', 'Key takeaways'),
            h(
              'ul',
              latest.takeaways.map((t) => h('li', t.href === undefined ? t.content : [h('a', {href: t.href}, t.content)]))
            )
          ]),
          h('section', {ariaLabelledBy: 'recent-heading'}, [
            h('h2', {id: 'recent-heading'}, 'Recent briefs'),
            briefList(view.recent),
            h('p', [h('a', {href: view.archiveHref}, 'All briefs by year')])
          ])
        ])
  ])
}
