// build/: one brief, all the way to what later builds need of it: parsed and
// validated, its prose rendered to HTML fragments, and the AST reduced to
// a skeleton (metadata, sections' regions, URL sources): the prose lives on
// only as HTML, so a thousand briefs cost megabytes, not gigabytes. This is
// the unit the worker threads produce and the cache stores.
import type {Brief, Site} from '../ast.js'
import {briefSlugOf} from '../link/archive.js'
import {appendAll, sortDiagnostics, type Diagnostic} from '../diagnostics/diagnostic.js'
import {validateBrief} from '../validate/brief.js'
import {parseBriefSyntax, type BriefFile, type ParseOptions} from '../parse/brief.js'
import type {BriefFragments} from '../render/fragments.js'
import {pack, type PackedFragments} from './packed.js'

export interface BriefResult {
  /** The brief, when its frontmatter is valid (it may still have body errors). */
  readonly brief?: Brief
  /** The slug the file is published under, even when its frontmatter is broken (see ParseOutput). */
  readonly slug?: string
  readonly diagnostics: Diagnostic[]
}

/**
 * Parse and validate one brief: every problem of the file, sorted. The
 * regions vocabulary resolves `##` headings; without it every heading is
 * reported as naming no region.
 */
export function parseBrief(file: BriefFile, options: ParseOptions = {}): BriefResult {
  const parsed = parseBriefSyntax(file, options)
  const diagnostics = [...parsed.diagnostics]
  if (parsed.body) {
    const validated = validateBrief(parsed.body, {
      regions: options.regions ?? [],
      ...(parsed.brief ? {takeaways: parsed.brief.takeaways} : {}),
      ...(options.limits ? {limits: options.limits} : {})
    })
    appendAll(diagnostics, validated)
  }
  return {
    ...(parsed.brief ? {brief: parsed.brief} : {}),
    ...(parsed.slug === undefined ? {} : {slug: parsed.slug}),
    diagnostics: sortDiagnostics(diagnostics)
  }
}

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
