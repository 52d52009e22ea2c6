// link/: what a note cites, as a skeleton keeps it: each source's outlet
// (the registrable domain of its address, `www.` and other subdomains
// folded, a defanged address read back first) and the sections citing the
// note. link/outlets.ts builds the outlet pages' index and a brief's
// sourcing profile from it.
//
// The registrable domain comes from tldts, which reads the Public Suffix
// List: `news.bbc.co.uk` is `bbc.co.uk`, `mfa.gov.cn` stays `mfa.gov.cn`,
// `*.blogspot.com` sites stay apart. A hand-written "last two labels" rule
// gets every `.co.uk`, `.com.cn` and `.gov.tw` wrong.
import {getDomain} from 'tldts'
import type {Brief, Note, Source} from '../ast.js'

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
