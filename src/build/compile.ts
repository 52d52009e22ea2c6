// build/: one brief, all the way to what later builds need of it: parsed and
// validated, its prose rendered to HTML fragments, and the AST reduced to
// its skeleton (link/skeleton.ts): the prose lives on only as HTML, so a
// thousand briefs cost megabytes, not gigabytes. This is the unit the
// worker threads produce and the cache stores.
import type {Brief, ImageTable, Site} from '../ast.js'
import {imagesKey, skeletonOf, type BriefSkeleton} from '../link/skeleton.js'
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
      ...(file.contentPath === undefined ? {} : {contentPath: file.contentPath}),
      // Corrections are inline Markdown like the takeaways, checked alike.
      ...(parsed.brief ? {takeaways: [...parsed.brief.takeaways, ...parsed.brief.corrections]} : {}),
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

/** A BriefResult as compiling leaves it: the brief reduced to its skeleton. */
export interface SkeletonResult {
  readonly brief?: BriefSkeleton
  /** The slug the file is published under, even when its frontmatter is broken. */
  readonly slug?: string
  readonly diagnostics: Diagnostic[]
}

export interface CompiledBrief {
  /** Diagnostics, and the brief as a skeleton. */
  readonly result: SkeletonResult
  /** The brief's prose as HTML (packed: see `pack`), when rendering was asked for and the brief has no errors. */
  readonly fragments?: PackedFragments
  /**
   * The fragments' section keys, kept apart from them: page keys need these
   * for every brief, the fragments only for pages rendered again.
   */
  readonly sectionKeys?: readonly string[]
  /**
   * The images the fragments show, as a key (see `imagesKey`): fragments
   * made with other images (an edited map) are not used. Absent when the
   * brief shows none.
   */
  readonly images?: string
}

/**
 * What compiling needs of the site: the regions always, the settings to
 * render, and the content folder's images (build/image-store.ts) to render
 * figures; without them a figure renders as its alt text.
 */
export type CompileSite = Pick<Site, 'settings' | 'regions'> & {readonly images?: ImageTable}

/** render/fragments.ts's renderFragments, passed in so that checking never loads the renderer. */
export type Renderer = (brief: Brief, site: CompileSite, contentPath: string | undefined) => BriefFragments

/** Compile one brief; with a renderer, its fragments too (rendered from the full brief, before it is reduced). */
export function compileBrief(file: BriefFile, site: CompileSite, render: Renderer | undefined): CompiledBrief {
  const result = parseBrief(file, {regions: site.regions, limits: site.settings})
  const reduced: SkeletonResult = {
    ...(result.brief ? {brief: skeletonOf(result.brief, site, file.contentPath)} : {}),
    ...(result.slug === undefined ? {} : {slug: result.slug}),
    diagnostics: result.diagnostics
  }
  const clean = result.brief !== undefined && !result.diagnostics.some((d) => d.severity === 'error')
  if (!render || !clean || !result.brief) return {result: reduced}
  const fragments = render(result.brief, site, file.contentPath)
  const images = reduced.brief ? imagesKey(reduced.brief, site.images) : undefined
  return {result: reduced, fragments: pack(fragments), sectionKeys: fragments.sectionKeys, ...(images === undefined ? {} : {images})}
}
