// One brief, all the way to what later builds need of it: parsed and
// validated, its prose rendered to HTML fragments, and the AST reduced to
// a skeleton (metadata, sections' regions, URL sources): the prose lives on
// only as HTML, so a thousand briefs cost megabytes, not gigabytes. This is
// the unit the worker threads produce and the cache stores.
import {deflateRawSync, inflateRawSync} from 'node:zlib'
import type {Brief, Site} from './ast.js'
import {briefSlugOf} from './link/archive.js'
import {parseBrief, type BriefResult} from './pipeline.js'
import type {BriefFile} from './parse/brief.js'
import type {BriefFragments, FragmentReader} from './render/fragments.js'

export interface CompiledBrief {
  /** Diagnostics, and the brief as a skeleton (see `skeleton`). */
  readonly result: BriefResult
  /** The brief's prose as HTML (packed: see `pack`), when rendering was asked for and the brief has no errors. */
  readonly fragments?: PackedFragments
  /**
   * The fragments' section keys, kept apart from them: page keys need these
   * for every brief, the fragments only for pages rendered again.
   */
  readonly sectionKeys?: readonly string[]
}

/** What compiling needs of the site: the regions always, the settings to render. */
export type CompileSite = Pick<Site, 'settings' | 'regions'>

/** render/fragments.ts's renderFragments, passed in so that checking never loads the renderer. */
export type Renderer = (brief: Brief, site: CompileSite) => BriefFragments

/** Compile one brief; with a renderer, its fragments too. */
export function compileBrief(file: BriefFile, site: CompileSite, render: Renderer | undefined): CompiledBrief {
  const result = parseBrief(file, {regions: site.regions, limits: site.settings})
  const clean = result.brief !== undefined && !result.diagnostics.some((d) => d.severity === 'error')
  if (!render || !clean || !result.brief) return {result: skeleton(result, site)}
  const fragments = render(result.brief, site)
  return {result: skeleton(result, site), fragments: pack(fragments), sectionKeys: fragments.sectionKeys}
}

/** Fragments with each piece of HTML deflated on its own. */
export interface PackedFragments {
  readonly sections: readonly Uint8Array[]
  readonly foreign: readonly Uint8Array[]
  readonly notes: Uint8Array
  readonly targets: readonly (string | undefined)[]
  readonly summaries: readonly string[]
  readonly sectionKeys: readonly string[]
}

/**
 * Deflated (level 1: fast, and HTML shrinks about fivefold), piece by
 * piece: the archive's prose stays in memory and in the cache at a fifth of
 * its size, and a page inflates only the sections it shows.
 */
export function pack(fragments: BriefFragments): PackedFragments {
  const squeeze = (html: string) => squeezed(html)
  return {
    sections: fragments.sections.map(squeeze),
    foreign: fragments.foreign.map(squeeze),
    notes: squeeze(fragments.notes),
    targets: fragments.targets,
    summaries: fragments.summaries,
    sectionKeys: fragments.sectionKeys
  }
}

/**
 * Text deflated into a buffer of its own size. zlib returns a view of a
 * 16 KB output buffer however short the result, and a view keeps (and a
 * worker's postMessage copies) all of it: 4,000 briefs' fragments held
 * 670 MB of such buffers in serve for ~100 MB of deflated HTML.
 */
export function squeezed(data: string | Uint8Array): Uint8Array {
  const out = deflateRawSync(data, {level: 1})
  return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out)
}

export function reader(packed: PackedFragments): FragmentReader {
  // Bytes, not text: pages splice them in as they are (render/serialize.ts, Html).
  const open = (bytes: Uint8Array | undefined) => (bytes === undefined ? '' : inflateRawSync(bytes))
  return {
    section: (index) => open(packed.sections[index]),
    foreign: (index) => open(packed.foreign[index]),
    notes: () => open(packed.notes),
    targets: packed.targets,
    summaries: packed.summaries,
    sectionKeys: packed.sectionKeys
  }
}

/**
 * A result without prose: diagnostics, metadata, takeaways, each section's
 * region and topics, and the notes' URLs into this archive (links between
 * briefs). Everything checking, linking and page assembly read.
 */
export function skeleton(result: BriefResult, site: Pick<Site, 'settings'>): BriefResult {
  const brief = result.brief
  if (!brief) return result
  return {
    ...result,
    brief: {
      ...brief,
      citations: [],
      sections: brief.sections.map((section) => ({...section, children: []})),
      notes: brief.notes.map((note) => ({
        ...note,
        sources: note.sources.filter((source) => source.kind === 'url' && briefSlugOf(source.url, site) !== undefined)
      }))
    }
  }
}
