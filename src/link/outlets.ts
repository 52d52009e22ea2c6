// link/: the outlets the archive cites. Owns what an outlet is (the
// registrable domain of a source's address, `www.` and other subdomains
// folded, a defanged address read back first), each note's sourcing as a
// skeleton keeps it (which outlets, which sections cite it), a brief's
// sourcing profile, and the archive's index of citations per outlet that
// the outlet pages show.
//
// The registrable domain comes from tldts, which reads the Public Suffix
// List: `news.bbc.co.uk` is `bbc.co.uk`, `mfa.gov.cn` stays `mfa.gov.cn`,
// `*.blogspot.com` sites stay apart. A hand-written "last two labels" rule
// gets every `.co.uk`, `.com.cn` and `.gov.tw` wrong.
import {getDomain} from 'tldts'
import type {Brief, Note, Source} from '../ast.js'
import type {BriefSkeleton} from './skeleton.js'

/** One source's outlet, as a note keeps it. */
export interface SourceOutlet {
  /** The registrable domain, lowercase, in its ASCII (punycode) form. */
  readonly domain: string
  /** Whether the source was defanged (its address is never a link). */
  readonly defanged: boolean
}

/** What the outlet pages and the sourcing profile read of one note. */
export interface NoteSourcing {
  readonly number: number
  /** The sections that cite it (indexes into the brief's sections), in the order first cited; empty when nothing cites it. */
  readonly sections: readonly number[]
  /** How many sources it lists, and how many of them are defanged. */
  readonly sources: number
  readonly defanged: number
  /** The outlets of its sources, each domain once (a domain counts as defanged only when every source of it in this note is). */
  readonly outlets: readonly SourceOutlet[]
}

/**
 * The outlet of a source: the registrable domain of its address (a
 * defanged one read back, when it can be), or undefined for a source that
 * names no address (plain text, a defanging that cannot be read back).
 */
export function outletOf(source: Source): SourceOutlet | undefined {
  const address = source.kind === 'url' ? source.url : source.kind === 'defanged' ? source.refanged : undefined
  if (address === undefined) return undefined
  let host: string
  try {
    const url = new URL(address)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    host = url.hostname
  } catch {
    return undefined
  }
  if (host === '') return undefined
  // An IP address or a single-label host has no registrable domain: it is its own outlet.
  const domain = (getDomain(host, {allowPrivateDomains: true}) ?? host.replace(/^www\./, '')).toLowerCase()
  // Only a name of labels (or an IPv6 address) can name a page: `http://../` has a host, but no outlet.
  if (!/^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+$|^\[[0-9a-f:.]+\]$/.test(domain)) return undefined
  return {domain, defanged: source.kind === 'defanged'}
}

/** Each note's sourcing, from a parsed brief (link/skeleton.ts keeps it on the skeleton). */
export function notesSourcing(notes: readonly Note[], citations: Brief['citations']): NoteSourcing[] {
  const sectionsOf = new Map<number, number[]>()
  for (const citation of citations) {
    const list = sectionsOf.get(citation.number) ?? []
    if (!list.includes(citation.section)) list.push(citation.section)
    sectionsOf.set(citation.number, list)
  }
  return notes.map((note) => {
    const byDomain = new Map<string, boolean>()
    for (const source of note.sources) {
      const outlet = outletOf(source)
      if (outlet) byDomain.set(outlet.domain, (byDomain.get(outlet.domain) ?? true) && outlet.defanged)
    }
    return {
      number: note.number,
      sections: sectionsOf.get(note.number) ?? [],
      sources: note.sources.length,
      defanged: note.sources.filter((source) => source.kind === 'defanged').length,
      outlets: [...byDomain].map(([domain, defanged]) => ({domain, defanged}))
    }
  })
}

/** A brief's notes' sourcing: the skeleton's, or worked out from a full brief's notes. */
export function sourcingOf(brief: BriefSkeleton | Brief): readonly NoteSourcing[] {
  if ('sourcing' in brief && brief.sourcing !== undefined) return brief.sourcing
  if ('citations' in brief) return notesSourcing(brief.notes, brief.citations)
  return []
}

/** A brief's sourcing profile, as its page shows it. */
export interface SourcingProfile {
  readonly notes: number
  readonly sources: number
  readonly defanged: number
  /** Its distinct outlets, the most cited first (then by name), with how many notes cite each. */
  readonly outlets: readonly {readonly domain: string; readonly notes: number}[]
}

export function sourcingProfile(brief: BriefSkeleton | Brief): SourcingProfile {
  const notes = sourcingOf(brief)
  const counts = new Map<string, number>()
  for (const note of notes) for (const outlet of note.outlets) counts.set(outlet.domain, (counts.get(outlet.domain) ?? 0) + 1)
  return {
    notes: notes.length,
    sources: notes.reduce((sum, note) => sum + note.sources, 0),
    defanged: notes.reduce((sum, note) => sum + note.defanged, 0),
    outlets: [...counts]
      .map(([domain, count]) => ({domain, notes: count}))
      .sort((a, b) => b.notes - a.notes || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0))
  }
}

/** One citation of an outlet: a note of a brief with a source there. */
export interface OutletCitation {
  readonly brief: BriefSkeleton
  readonly note: number
  /** The sections citing the note (indexes into the brief's sections). */
  readonly sections: readonly number[]
  /** Whether every source of this outlet in the note is defanged (so none is a link). */
  readonly defanged: boolean
}

export interface Outlet {
  readonly domain: string
  /** Newest first: by the archive's order of briefs, then by note number. */
  readonly citations: readonly OutletCitation[]
}

/**
 * Every outlet the briefs cite, by domain (in code point order, so the
 * order never depends on the content), each with its citations. `briefs`:
 * newest first, as the archive holds them.
 */
export function outletIndex(briefs: readonly BriefSkeleton[]): Outlet[] {
  const byDomain = new Map<string, OutletCitation[]>()
  for (const brief of briefs) {
    for (const note of sourcingOf(brief)) {
      for (const outlet of note.outlets) {
        const list = byDomain.get(outlet.domain) ?? []
        list.push({brief, note: note.number, sections: note.sections, defanged: outlet.defanged})
        byDomain.set(outlet.domain, list)
      }
    }
  }
  return [...byDomain]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([domain, citations]) => ({domain, citations}))
}
