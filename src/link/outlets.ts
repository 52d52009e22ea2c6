// link/: the outlets the archive cites (link/sourcing.ts says what an
// outlet is): a brief's sourcing profile, and the archive's index of
// citations per outlet that the outlet pages show.
import type {Brief} from '../ast.js'
import type {BriefSkeleton} from './skeleton.js'
import {notesSourcing, type NoteSourcing} from './sourcing.js'

export {notesSourcing, outletOf, type NoteSourcing, type SourceOutlet} from './sourcing.js'

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
