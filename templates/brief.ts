// The page of one brief: header (series blurb, title, dates, people), key
// takeaways linked to the paragraphs that elaborate them, the region
// sections under their group headings, and the endnotes.
import {h} from 'hastscript'
import type {Element, ElementContent, Root} from 'hast'
import type {Person} from '../src/parse/schema.js'
import {groupByOrg, joinNames, yearOf} from '../src/render/format.js'
import {layout, type PageMeta} from './layout.js'
import {searchFacets} from './search.js'

export interface BriefView {
  readonly meta: PageMeta
  readonly title: string
  readonly summary?: string
  /** Publication day, ISO and formatted. */
  readonly date: {iso: string; text: string}
  readonly cutoff: {iso: string; text: string}
  readonly authors: readonly Person[]
  readonly editors: readonly Person[]
  readonly takeaways: readonly {content: ElementContent[]; href?: string}[]
  /** Corrections made since publication, oldest first, each with its day: shown above everything else the brief says. */
  readonly corrections: readonly {date: {iso: string; text: string}; content: ElementContent[]}[]
  /** Rendered sections, in the brief's order, grouped where regions.yml groups them. */
  readonly groups: readonly {title?: string; id?: string; sections: ElementContent[]}[]
  /** The region names of the sections, for the search filter. */
  readonly regions: readonly string[]
  readonly notes: ElementContent
  readonly tags: readonly string[]
  /** How to cite it: the formatted citation and its files (render/cite.ts). */
  readonly cite: CiteView
  /** Its editions for mail (render/pages/editions.ts): the email document and the plain text. */
  readonly editions: {readonly email: string; readonly text: string}
  /** The brief's sourcing profile (link/outlets.ts), each outlet linking to its page. */
  readonly sourcing: SourcingView
  readonly newer?: {title: string; href: string}
  readonly older?: {title: string; href: string}
}

export interface CiteView {
  readonly text: string
  /** The citation files, each with its format's name, media type and file name. */
  readonly files: readonly {readonly label: string; readonly href: string; readonly type: string; readonly name: string}[]
}

/** The cite block: the citation as text a reader can select and copy, and the files reference managers import. */
export function citeBlock(view: CiteView): Element {
  return h('section', {className: ['cite-brief'], id: 'cite', ariaLabelledBy: 'cite-heading'}, [
    h('h2', {id: 'cite-heading'}, 'Cite this brief'),
    h('p', {className: ['citation']}, view.text),
    h('p', {className: ['cite-files']}, [
      'Download the citation: ',
      ...view.files.flatMap((file, index): ElementContent[] => [
        ...(index === 0 ? [] : [{type: 'text' as const, value: ' · '}]),
        h('a', {href: file.href, type: file.type, download: file.name}, file.label)
      ])
    ])
  ])
}

export interface SourcingView {
  readonly notes: number
  readonly sources: number
  readonly defanged: number
  readonly outlets: readonly {readonly domain: string; readonly href: string; readonly notes: number}[]
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** The sourcing profile: how many notes, sources and outlets, what share is defanged, and the outlets, most cited first. */
export function sourcingProfile(view: SourcingView): Element {
  const share = view.sources === 0 ? 0 : Math.round((view.defanged / view.sources) * 100)
  return h('section', {className: ['sourcing'], ariaLabelledBy: 'sourcing-heading'}, [
    h('h2', {id: 'sourcing-heading'}, 'Sourcing'),
    h('dl', {className: ['sourcing-figures']}, [
      h('div', [h('dt', 'Notes'), h('dd', String(view.notes))]),
      h('div', [h('dt', 'Sources'), h('dd', String(view.sources))]),
      h('div', [h('dt', 'Distinct outlets'), h('dd', String(view.outlets.length))]),
      h('div', [h('dt', 'Defanged'), h('dd', view.defanged === 0 ? 'none' : `${plural(view.defanged, 'source', 'sources')} (${share}%)`)])
    ]),
    ...(view.outlets.length === 0
      ? []
      : [
          h('p', {className: ['sourcing-outlets']}, [
            'Outlets: ',
            ...view.outlets.flatMap((outlet, index): ElementContent[] => [
              ...(index === 0 ? [] : [{type: 'text' as const, value: ', '}]),
              h('a', {href: outlet.href}, outlet.domain),
              {type: 'text', value: ` (${outlet.notes})`}
            ])
          ])
        ])
  ])
}

export function people(list: readonly Person[]): ElementContent[] {
  const out: ElementContent[] = []
  groupByOrg(list).forEach((group, index) => {
    if (index > 0) out.push({type: 'text', value: '; '})
    out.push({type: 'text', value: `${joinNames(group.names)} `}, h('span', {className: ['org']}, `(${group.org})`))
  })
  return out
}

export function briefPage(view: BriefView): Root {
  const latest = view.corrections.reduce<{iso: string; text: string} | undefined>((last, entry) => (last === undefined || entry.date.iso > last.iso ? entry.date : last), undefined)
  const header = h('header', {className: ['brief-header']}, [
    ...(view.summary === undefined ? [] : [h('p', {className: ['series']}, view.summary)]),
    h('h1', {dataPagefindMeta: 'title'}, view.title),
    h('dl', {className: ['brief-meta']}, [
      h('div', [
        h('dt', 'Published'),
        h('dd', [h('time', {dateTime: view.date.iso, dataPagefindMeta: 'date', dataPagefindSort: 'date[datetime]'}, view.date.text)])
      ]),
      h('div', [h('dt', 'Data cutoff'), h('dd', [h('time', {dateTime: view.cutoff.iso}, view.cutoff.text)])]),
      h('div', [h('dt', view.authors.length === 1 ? 'Author' : 'Authors'), h('dd', people(view.authors))]),
      ...(view.editors.length === 0
        ? []
        : [h('div', [h('dt', view.editors.length === 1 ? 'Editor' : 'Editors'), h('dd', people(view.editors))])]),
      ...(latest === undefined ? [] : [h('div', [h('dt', 'Corrected'), h('dd', [h('a', {href: '#corrections'}, [h('time', {dateTime: latest.iso}, latest.text)])])])])
    ])
  ])

  // A correction is never silent: the notice comes first, each with its day.
  const corrections: ElementContent[] =
    view.corrections.length === 0
      ? []
      : [
          h('section', {className: ['corrections'], id: 'corrections', ariaLabelledBy: 'corrections-heading'}, [
            h('h2', {id: 'corrections-heading'}, view.corrections.length === 1 ? 'Correction' : 'Corrections'),
            h(
              'ul',
              view.corrections.map((entry) => h('li', [h('time', {dateTime: entry.date.iso, className: ['correction-date']}, entry.date.text), ': ', ...entry.content]))
            )
          ])
        ]

  const takeaways = h('section', {className: ['takeaways'], ariaLabelledBy: 'key-takeaways'}, [
    h('h2', {id: 'key-takeaways'}, 'Key takeaways'),
    h(
      'ul',
      view.takeaways.map((takeaway) =>
        h('li', takeaway.href === undefined ? takeaway.content : [h('a', {href: takeaway.href}, takeaway.content)])
      )
    )
  ])

  const body = view.groups.flatMap((group) =>
    group.title === undefined
      ? group.sections
      : [h('section', {className: ['region-group'], ariaLabelledBy: group.id}, [h('h2', {id: group.id}, group.title), ...group.sections])]
  )

  const nav: ElementContent[] =
    view.newer === undefined && view.older === undefined
      ? []
      : [
          h('nav', {className: ['series-nav'], ariaLabel: 'Series'}, [
            h('ul', [
              ...(view.older === undefined ? [] : [h('li', [h('a', {href: view.older.href, rel: 'prev'}, `← ${view.older.title}`)])]),
              ...(view.newer === undefined ? [] : [h('li', [h('a', {href: view.newer.href, rel: 'next'}, `${view.newer.title} →`)])])
            ])
          ])
        ]

  const regions = view.regions
  return layout(view.meta, [
    // Pagefind indexes this article (not the site chrome), one sub-result per heading with an id.
    h('article', {className: ['brief'], dataPagefindBody: true}, [
      searchFacets({kind: 'Brief', regions, years: [yearOf(view.date.iso)]}),
      header,
      ...corrections,
      takeaways,
      h('div', {className: ['brief-body']}, body),
      sourcingProfile(view.sourcing),
      citeBlock(view.cite),
      // Not searched: the same words on every brief.
      h('p', {className: ['editions'], dataPagefindIgnore: true}, [
        'This brief for mail: ',
        h('a', {href: view.editions.email, type: 'text/html'}, 'email edition'),
        ' · ',
        h('a', {href: view.editions.text, type: 'text/plain'}, 'plain text')
      ]),
      h('section', {className: ['endnotes'], ariaLabelledBy: 'notes-heading', role: 'doc-endnotes'}, [h('h2', {id: 'notes-heading'}, 'Notes'), view.notes]),
      ...(view.tags.length === 0 ? [] : [h('p', {className: ['tags']}, `Tags: ${view.tags.join(', ')}`)])
    ]),
    ...nav
  ])
}
