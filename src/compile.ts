// One brief, all the way to what later builds need of it: parsed and
// validated, its prose rendered to HTML fragments, and the AST reduced to
// a skeleton (metadata, sections' regions, URL sources): the prose lives on
// only as HTML, so a thousand briefs cost megabytes, not gigabytes. This is
// the unit the worker threads produce and the cache stores.
import {deflateRawSync, inflateRawSync} from 'node:zlib'
import type {Site} from './ast.js'
import {parseBrief, type BriefResult} from './pipeline.js'
import type {BriefFile} from './parse/brief.js'
import {renderFragments, type BriefFragments} from './render/fragments.js'

export interface CompiledBrief {
  /** Diagnostics, and the brief as a skeleton (see `skeleton`). */
  readonly result: BriefResult
  /** The brief's prose as HTML (packed: see `pack`), when rendering was asked for and the brief has no errors. */
  readonly fragments?: Uint8Array
}

/** What compiling needs of the site: the regions always, the settings to render. */
export type CompileSite = Pick<Site, 'settings' | 'regions'>

export function compileBrief(file: BriefFile, site: CompileSite, render: boolean): CompiledBrief {
  const result = parseBrief(file, {regions: site.regions})
  const clean = result.brief !== undefined && !result.diagnostics.some((d) => d.severity === 'error')
  if (!render || !clean || !result.brief) return {result: skeleton(result)}
  return {result: skeleton(result), fragments: pack(renderFragments(result.brief, site))}
}

/**
 * Fragments deflated (level 1: fast, and HTML shrinks about fivefold): the
 * archive's prose stays in memory and in the cache at a fifth of its size,
 * and each page unpacks only the briefs it shows.
 */
export function pack(fragments: BriefFragments): Uint8Array {
  return deflateRawSync(JSON.stringify(fragments), {level: 1})
}

export function unpack(bytes: Uint8Array): BriefFragments {
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as BriefFragments
}

/**
 * A result without prose: diagnostics, metadata, takeaways, each section's
 * region and topics, and the URL sources of notes (for links between
 * briefs). Everything checking, linking and page assembly read.
 */
export function skeleton(result: BriefResult): BriefResult {
  const brief = result.brief
  if (!brief) return result
  return {
    ...result,
    brief: {
      ...brief,
      citations: [],
      sections: brief.sections.map((section) => ({...section, children: []})),
      notes: brief.notes.map((note) => ({...note, sources: note.sources.filter((source) => source.kind === 'url')}))
    }
  }
}
