// render/cite.ts: the citation record and its forms, escaped by each
// format's rules, tested with hostile titles and names.
import {describe, expect, it} from 'vitest'
import fc from 'fast-check'
import type {Site} from '../../src/ast.js'
import type {BriefSkeleton} from '../../src/link/skeleton.js'
import {siteSchema} from '../../src/parse/schema.js'
import {bibtex, bibtexText, citeRecord, cslJson, formattedCitation, highwireTags, nameParts, ris, type CiteRecord} from '../../src/render/cite.js'

const site: Site = {
  settings: siteSchema.parse({title: 'Strait Watch', baseUrl: 'https://briefs.example.org/', language: 'en', publisher: 'Example Institute'}),
  regions: [],
  contentDir: '/content'
}

const hostile = 'Patrols {near} Kinmen: 100% up & "unusual" — Tāiwān 臺灣 \\ $5 #1 a_b ^ ~ }{'

function briefWith(meta: Partial<BriefSkeleton['meta']>): BriefSkeleton {
  return {
    file: 'x.md',
    slug: 'weekly-2024-03-07',
    meta: {
      title: hostile,
      date: '2024-03-07',
      cutoff: '2024-03-06T17:00-05:00',
      authors: [
        {name: 'Wei Sample', org: 'Example Institute'},
        {name: 'Smith and Jones', org: 'Firm'},
        {name: 'Plato', org: 'Academy'}
      ],
      editors: [],
      takeaways: ['One.'],
      tags: ['coast-guard', 'kinmen'],
      corrections: [
        {date: '2024-03-14', text: 'Fixed.'},
        {date: '2024-03-11', text: 'Earlier fix.'}
      ],
      ...meta
    },
    metaPositions: {},
    takeaways: [{markdown: 'One.', content: [], text: 'Patrols rose.', position: {start: {line: 1, column: 1}, end: {line: 1, column: 2}}}],
    corrections: [],
    sections: [],
    notes: []
  }
}

const record: CiteRecord = citeRecord(site, briefWith({}))

/** Whether BibTeX's brace counting (which ignores backslashes) balances in every field. */
function balanced(text: string): boolean {
  let depth = 0
  for (const char of text) {
    if (char === '{') depth++
    if (char === '}' && --depth < 0) return false
  }
  return depth === 0
}

describe('the citation record', () => {
  it('is made from the brief and the site settings, dated by its latest correction', () => {
    expect(record).toEqual({
      id: 'weekly-2024-03-07',
      title: hostile,
      authors: briefWith({}).meta.authors,
      publisher: 'Example Institute',
      site: 'Strait Watch',
      date: '2024-03-07',
      corrected: '2024-03-14',
      url: 'https://briefs.example.org/briefs/weekly-2024-03-07/',
      language: 'en',
      tags: ['coast-guard', 'kinmen'],
      abstract: 'Patrols rose.'
    })
  })

  it('reads the family name as the last word of a name', () => {
    expect(nameParts('Wei Sample')).toEqual({family: 'Sample', given: 'Wei'})
    expect(nameParts('  Mary Ann  Example ')).toEqual({family: 'Example', given: 'Mary Ann'})
    expect(nameParts('Plato')).toEqual({family: 'Plato'})
  })

  it('is formatted for a reader: authors, title, publisher, date, correction, URL', () => {
    expect(formattedCitation(record)).toBe(
      `Wei Sample, Smith and Jones, and Plato. “${hostile}.” Example Institute, March 7, 2024. Last corrected March 14, 2024. https://briefs.example.org/briefs/weekly-2024-03-07/`
    )
    expect(formattedCitation({...record, title: 'Why now?', authors: [{name: 'A B', org: 'X'}], corrected: undefined})).toBe(
      'A B. “Why now?” Example Institute, March 7, 2024. https://briefs.example.org/briefs/weekly-2024-03-07/'
    )
  })

  it('gives Highwire tags: one citation_author per author, dates with slashes, the report\'s institution', () => {
    expect(highwireTags(record)).toEqual([
      {name: 'citation_title', content: hostile},
      {name: 'citation_author', content: 'Wei Sample'},
      {name: 'citation_author', content: 'Smith and Jones'},
      {name: 'citation_author', content: 'Plato'},
      {name: 'citation_publication_date', content: '2024/03/07'},
      {name: 'citation_date', content: '2024/03/07'},
      {name: 'citation_online_date', content: '2024/03/14'},
      {name: 'citation_technical_report_institution', content: 'Example Institute'},
      {name: 'citation_publisher', content: 'Example Institute'},
      {name: 'citation_public_url', content: 'https://briefs.example.org/briefs/weekly-2024-03-07/'},
      {name: 'citation_abstract_html_url', content: 'https://briefs.example.org/briefs/weekly-2024-03-07/'},
      {name: 'citation_language', content: 'en'},
      {name: 'citation_keywords', content: 'coast-guard; kinmen'}
    ])
  })
})

describe('BibTeX', () => {
  it('escapes LaTeX\'s specials, braces as commands so BibTeX\'s brace count balances, and keeps UTF-8', () => {
    expect(bibtexText(hostile)).toBe(
      'Patrols \\textbraceleft{}near\\textbraceright{} Kinmen: 100\\% up \\& "unusual" — Tāiwān 臺灣 \\textbackslash{} \\$5 \\#1 a\\_b \\textasciicircum{} \\textasciitilde{} \\textbraceright{}\\textbraceleft{}'
    )
    expect(bibtexText('two\nlines')).toBe('two lines')
  })

  it('writes a @techreport keyed by the slug, authors as Family, Given, a name with "and" braced whole', () => {
    expect(bibtex(record)).toBe(
      [
        '% Encoding: UTF-8',
        '@techreport{weekly-2024-03-07,',
        `  title = {{${bibtexText(hostile)}}},`,
        '  author = {Sample, Wei and {Smith and Jones} and {Plato}},',
        '  institution = {Example Institute},',
        '  type = {Brief},',
        '  year = {2024},',
        '  month = {3},',
        '  date = {2024-03-07},',
        '  url = {https://briefs.example.org/briefs/weekly-2024-03-07/},',
        '  langid = {en},',
        '  keywords = {coast-guard, kinmen},',
        '  note = {Last corrected 2024-03-14}',
        '}',
        ''
      ].join('\n')
    )
  })

  it('balances braces whatever the title and names hold', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), fc.string({unit: 'binary'}), (title, name) => {
        const text = bibtex({...record, title, authors: [{name: `${name} X`, org: 'O'}]})
        expect(balanced(text)).toBe(true)
        // Each field is on its own line, so no value runs into the next.
        expect(text.split('\n')).toHaveLength(15)
      })
    )
  })
})

describe('RIS', () => {
  it('writes one tag per line, CRLF, a report ended by ER, every value on one line', () => {
    const text = ris({...record, title: `${hostile}\nsecond line`})
    expect(text.split('\r\n')).toEqual([
      'TY  - RPRT',
      `TI  - ${hostile} second line`,
      'AU  - Sample, Wei',
      'AU  - Smith and Jones',
      'AU  - Plato',
      'PY  - 2024',
      'DA  - 2024/03/07/',
      'PB  - Example Institute',
      'T2  - Strait Watch',
      'UR  - https://briefs.example.org/briefs/weekly-2024-03-07/',
      'LA  - en',
      'KW  - coast-guard',
      'KW  - kinmen',
      'AB  - Patrols rose.',
      'N1  - Last corrected 2024-03-14',
      'ER  - ',
      ''
    ])
  })

  it('never lets a value start a new tag', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (title) => {
        const lines = ris({...record, title}).split('\r\n')
        expect(lines[1]?.startsWith('TI  - ')).toBe(true)
        expect(lines).toHaveLength(17)
      })
    )
  })
})

describe('CSL-JSON', () => {
  it('is one report item that reads back to the same values', () => {
    expect(JSON.parse(cslJson(record))).toEqual([
      {
        id: 'weekly-2024-03-07',
        type: 'report',
        title: hostile,
        author: [{family: 'Sample', given: 'Wei'}, {literal: 'Smith and Jones'}, {family: 'Plato'}],
        issued: {'date-parts': [[2024, 3, 7]]},
        publisher: 'Example Institute',
        'container-title': 'Strait Watch',
        genre: 'Brief',
        URL: 'https://briefs.example.org/briefs/weekly-2024-03-07/',
        language: 'en',
        abstract: 'Patrols rose.',
        keyword: 'coast-guard, kinmen',
        note: 'Last corrected 2024-03-14'
      }
    ])
  })
})
