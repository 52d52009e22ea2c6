// render/: citing a brief. Owns the one record a citation is made from
// (title, authors, publisher, dates, URL) and its forms: the citation the
// page shows, the Highwire `citation_*` meta tags Zotero and Google Scholar
// read, and the BibTeX, RIS and CSL-JSON files, each escaped by its own
// format's rules. Pure functions of a brief's metadata and the site settings.
import type {Site} from '../ast.js'
import type {BriefSkeleton} from '../link/skeleton.js'
import {lastCorrected, type Person} from '../parse/schema.js'
import {formatDate, joinNames} from './format.js'
import {absolute, paths} from './paths.js'

export interface CiteRecord {
  /** The key of BibTeX and the id of CSL-JSON: the brief's slug (lowercase ASCII, digits and hyphens). */
  readonly id: string
  readonly title: string
  readonly authors: readonly Person[]
  /** Who publishes it: site.yml's publisher, else the site's title. */
  readonly publisher: string
  /** The site's title: the container the brief is published in. */
  readonly site: string
  /** Publication day YYYY-MM-DD, and the day of the latest correction. */
  readonly date: string
  readonly corrected?: string
  readonly url: string
  readonly language: string
  readonly tags: readonly string[]
  /** What the takeaways say, as plain text: the abstract. */
  readonly abstract: string
}

export function citeRecord(site: Site, brief: BriefSkeleton): CiteRecord {
  const corrected = lastCorrected(brief.meta)
  return {
    id: brief.slug,
    title: brief.meta.title,
    authors: brief.meta.authors,
    publisher: site.settings.publisher ?? site.settings.title,
    site: site.settings.title,
    date: brief.meta.date,
    ...(corrected === undefined ? {} : {corrected}),
    url: absolute(site.settings.baseUrl, paths.brief(brief.slug)),
    language: site.settings.language,
    tags: brief.meta.tags,
    abstract: brief.takeaways.map((takeaway) => takeaway.text).join(' ')
  }
}

/**
 * A person's family and given names. Frontmatter names are written whole
 * ("Wei Sample"): the last word is taken as the family name, which is right
 * for names written in Western order; a one-word name is all family name.
 */
export function nameParts(name: string): {family: string; given?: string} {
  const words = name.trim().split(/\s+/)
  const family = words.pop() ?? ''
  return words.length === 0 ? {family} : {family, given: words.join(' ')}
}

/** The citation a reader copies: authors, “title,” publisher, date, URL (Chicago's shape for a report). */
export function formattedCitation(record: CiteRecord): string {
  const corrected = record.corrected === undefined ? '' : ` Last corrected ${formatDate(record.corrected)}.`
  const title = /[.?!]$/.test(record.title) ? record.title : `${record.title}.`
  return `${joinNames(record.authors.map((person) => person.name))}. “${title}” ${record.publisher}, ${formatDate(record.date)}.${corrected} ${record.url}`
}

/** The Highwire Press tags (what Google Scholar asks for and Zotero reads): a report, by its institution. */
export function highwireTags(record: CiteRecord): {name: string; content: string}[] {
  const day = record.date.replaceAll('-', '/')
  return [
    {name: 'citation_title', content: record.title},
    ...record.authors.map((person) => ({name: 'citation_author', content: person.name})),
    {name: 'citation_publication_date', content: day},
    {name: 'citation_date', content: day},
    ...(record.corrected === undefined ? [] : [{name: 'citation_online_date', content: record.corrected.replaceAll('-', '/')}]),
    // A report, not a journal article: Zotero takes an item with an institution for a report.
    {name: 'citation_technical_report_institution', content: record.publisher},
    {name: 'citation_publisher', content: record.publisher},
    {name: 'citation_public_url', content: record.url},
    {name: 'citation_abstract_html_url', content: record.url},
    {name: 'citation_language', content: record.language},
    ...(record.tags.length === 0 ? [] : [{name: 'citation_keywords', content: record.tags.join('; ')}])
  ]
}

// --- BibTeX ------------------------------------------------------------------

/**
 * Text as a BibTeX field's content. LaTeX's special characters are written
 * as commands; braces as \textbraceleft{} and \textbraceright{}, since
 * BibTeX counts every brace, escaped or not, and one unbalanced brace in a
 * title would swallow the rest of the file. Everything else stays UTF-8
 * (biber, and bibtex with inputenc, read it), line breaks become spaces.
 */
export function bibtexText(value: string): string {
  return value.replace(/[\\{}%&$#_^~]|\s+/g, (char) => {
    switch (char) {
      case '\\':
        return '\\textbackslash{}'
      case '{':
        return '\\textbraceleft{}'
      case '}':
        return '\\textbraceright{}'
      case '^':
        return '\\textasciicircum{}'
      case '~':
        return '\\textasciitilde{}'
      case '%':
      case '&':
      case '$':
      case '#':
      case '_':
        return `\\${char}`
      default:
        return ' '
    }
  })
}

/**
 * Whether a name is kept whole rather than split: one with the word "and"
 * (a team, "Smith and Jones") names no single family, and BibTeX would
 * read two people in it.
 */
const whole = (name: string) => /\band\b/i.test(name)

/** A name in BibTeX's `Family, Given` form; a name kept whole is braced, so it stays one entry. */
function bibtexName(person: Person): string {
  const {family, given} = nameParts(person.name)
  if (whole(person.name)) return `{${bibtexText(person.name)}}`
  return given === undefined ? `{${bibtexText(family)}}` : `${bibtexText(family)}, ${bibtexText(given)}`
}

export function bibtex(record: CiteRecord): string {
  const [year, month] = record.date.split('-')
  const fields: [string, string][] = [
    // Double braces keep the title's capitals as written.
    ['title', `{${bibtexText(record.title)}}`],
    ['author', record.authors.map(bibtexName).join(' and ')],
    ['institution', bibtexText(record.publisher)],
    ['type', 'Brief'],
    ['year', year ?? ''],
    ['month', String(Number(month))],
    ['date', record.date],
    ['url', record.url],
    ['langid', bibtexText(record.language)],
    ...(record.tags.length === 0 ? [] : [['keywords', bibtexText(record.tags.join(', '))] as [string, string]]),
    ...(record.corrected === undefined ? [] : [['note', `Last corrected ${record.corrected}`] as [string, string]])
  ]
  return `% Encoding: UTF-8\n@techreport{${record.id},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}\n`
}

// --- RIS ---------------------------------------------------------------------

/** A RIS value: one line (the format is line-based: a line break would start a new tag). */
function risText(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

export function ris(record: CiteRecord): string {
  const risName = (person: Person) => {
    const {family, given} = nameParts(person.name)
    return given === undefined || whole(person.name) ? person.name.trim() : `${family}, ${given}`
  }
  const lines: [string, string][] = [
    ['TY', 'RPRT'],
    ['TI', record.title],
    ...record.authors.map((person): [string, string] => ['AU', risName(person)]),
    ['PY', record.date.slice(0, 4)],
    ['DA', `${record.date.replaceAll('-', '/')}/`],
    ['PB', record.publisher],
    ['T2', record.site],
    ['UR', record.url],
    ['LA', record.language],
    ...record.tags.map((tag): [string, string] => ['KW', tag]),
    ['AB', record.abstract],
    ...(record.corrected === undefined ? [] : [['N1', `Last corrected ${record.corrected}`] as [string, string]])
  ]
  // RIS wants CRLF line ends and "TAG  - value"; ER ends the record.
  return [...lines.map(([tag, value]) => `${tag}  - ${risText(value)}`), 'ER  - ', ''].join('\r\n')
}

// --- CSL-JSON ------------------------------------------------------------------

/** The record as CSL-JSON (what Zotero, Pandoc and citeproc read): one item, JSON escaping all there is to escape. */
export function cslJson(record: CiteRecord): string {
  const parts = (day: string) => [day.split('-').map(Number)]
  const item = {
    id: record.id,
    type: 'report',
    title: record.title,
    author: record.authors.map((person) => (whole(person.name) ? {literal: person.name.trim()} : nameParts(person.name))),
    issued: {'date-parts': parts(record.date)},
    publisher: record.publisher,
    'container-title': record.site,
    genre: 'Brief',
    URL: record.url,
    language: record.language,
    abstract: record.abstract,
    ...(record.tags.length === 0 ? {} : {keyword: record.tags.join(', ')}),
    ...(record.corrected === undefined ? {} : {note: `Last corrected ${record.corrected}`})
  }
  return `${JSON.stringify([item], null, 2)}\n`
}
