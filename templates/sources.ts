// The outlet pages: the index of every outlet the archive cites (by
// registrable domain, with counts and first and last citation), and each
// outlet's page listing its citations newest first: the brief, the note
// (linking to it on the brief's page) and the regions citing it. An outlet's
// name is never a link to the outlet itself: a defanged address must not
// become one, and the archive links to sources only from the notes.
import {h} from 'hastscript'
import type {ElementContent, Root} from 'hast'
import {layout, type PageMeta} from './layout.js'
import {pagination, type Pager} from './lists.js'
import {searchFacets} from './search.js'

type Day = {readonly iso: string; readonly text: string}

export interface OutletSummary {
  readonly domain: string
  readonly href: string
  readonly citations: number
  readonly briefs: number
  /** Citations whose sources here are all defanged (not linked). */
  readonly defanged: number
  readonly first: Day
  readonly last: Day
}

export interface OutletsView {
  readonly meta: PageMeta
  readonly outlets: readonly OutletSummary[]
}

/** What "not linked" says, the same on every outlet page. */
const notLinked = (label: string) => h('span', {className: ['not-linked'], title: 'Defanged address: not linked on purpose'}, label)

export function outletsPage(view: OutletsView): Root {
  const total = view.outlets.reduce((sum, outlet) => sum + outlet.citations, 0)
  const header = h('header', {className: ['page-header']}, [
    h('h1', {dataPagefindMeta: 'title'}, 'Sources'),
    h(
      'p',
      view.outlets.length === 0
        ? 'No brief cites a source with an address yet.'
        : `${view.outlets.length} ${view.outlets.length === 1 ? 'outlet' : 'outlets'} cited in ${total} ${total === 1 ? 'note' : 'notes'}, by registrable domain (www. and other subdomains folded). Defanged addresses are read back to their domain and marked as not linked.`
    )
  ])
  if (view.outlets.length === 0) return layout(view.meta, [header])
  return layout(view.meta, [
    h('div', {className: ['outlets'], dataPagefindBody: true, dataPagefindWeight: '0.25'}, [
      searchFacets({kind: 'Sources', regions: [], years: []}),
      header,
      h('div', {className: ['table-scroll']}, [
        h('table', {className: ['outlet-table']}, [
          h('caption', {className: ['visually-hidden']}, 'Outlets cited, with their counts and first and last citation'),
          h('thead', [
            h('tr', [
              h('th', {scope: 'col'}, 'Outlet'),
              h('th', {scope: 'col', className: ['number']}, 'Notes'),
              h('th', {scope: 'col', className: ['number']}, 'Briefs'),
              h('th', {scope: 'col'}, 'First cited'),
              h('th', {scope: 'col'}, 'Last cited')
            ])
          ]),
          h(
            'tbody',
            view.outlets.map((outlet) =>
              h('tr', [
                h('th', {scope: 'row'}, [
                  h('a', {href: outlet.href}, outlet.domain),
                  ...(outlet.defanged === 0
                    ? []
                    : [' ', notLinked(outlet.defanged === outlet.citations ? 'not linked' : `${outlet.defanged} not linked`)])
                ]),
                h('td', {className: ['number']}, String(outlet.citations)),
                h('td', {className: ['number']}, String(outlet.briefs)),
                h('td', [h('time', {dateTime: outlet.first.iso}, outlet.first.text)]),
                h('td', [h('time', {dateTime: outlet.last.iso}, outlet.last.text)])
              ])
            )
          )
        ])
      ])
    ])
  ])
}

export interface OutletCitationView {
  readonly brief: {readonly title: string; readonly href: string; readonly date: Day}
  readonly note: {readonly number: number; readonly href: string}
  /** Names of the regions whose sections cite the note; empty for a note nothing cites. */
  readonly regions: readonly string[]
  readonly defanged: boolean
}

export interface OutletView {
  readonly meta: PageMeta
  readonly domain: string
  readonly citations: readonly OutletCitationView[]
  /** On the front page: how many citations the outlet has in all. */
  readonly total?: number
  /** On an older page: which citations it holds, counted from the oldest. */
  readonly range?: {readonly first: number; readonly last: number}
  readonly pager: Pager
  readonly indexHref: string
  readonly years: readonly string[]
}

export function outletPage(view: OutletView): Root {
  const intro =
    view.range === undefined
      ? `${view.total ?? 0} ${view.total === 1 ? 'note cites' : 'notes cite'} this outlet, newest first.`
      : `Citations ${view.range.first} to ${view.range.last}, counted from the oldest; newest first on this page.`
  const rows: ElementContent[] = view.citations.map((citation) =>
    h('tr', [
      h('td', [h('a', {href: citation.brief.href}, citation.brief.title), ' ', h('time', {dateTime: citation.brief.date.iso}, citation.brief.date.text)]),
      h('td', [
        h('a', {href: citation.note.href, ariaLabel: `Note ${citation.note.number} of ${citation.brief.title}`}, `Note ${citation.note.number}`),
        ...(citation.defanged ? [' ', notLinked('not linked')] : [])
      ]),
      h('td', citation.regions.length === 0 ? 'Not cited in the text' : citation.regions.join(', '))
    ])
  )
  return layout(view.meta, [
    h('div', {className: ['outlet'], dataPagefindBody: true, dataPagefindWeight: '0.25'}, [
      searchFacets({kind: 'Source', regions: [...new Set(view.citations.flatMap((citation) => citation.regions))], years: view.years}),
      h('header', {className: ['page-header']}, [
        h('p', {className: ['series']}, [h('a', {href: view.indexHref}, 'Sources')]),
        h('h1', {dataPagefindMeta: 'title'}, view.domain),
        h('p', intro)
      ]),
      h('div', {className: ['table-scroll']}, [
        h('table', {className: ['citation-table']}, [
          h('caption', {className: ['visually-hidden']}, `Notes citing ${view.domain}, newest first`),
          h('thead', [h('tr', [h('th', {scope: 'col'}, 'Brief'), h('th', {scope: 'col'}, 'Note'), h('th', {scope: 'col'}, 'Region')])]),
          h('tbody', rows)
        ])
      ])
    ]),
    ...pagination(view.pager, `${view.domain} pages`)
  ])
}
