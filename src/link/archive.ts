// link/: the briefs of the archive, together. Owns everything that needs
// more than one brief: unique slugs, links from one brief to another (by
// its URL under baseUrl), figures against the content folder's image files,
// and the index of sections per region that region pages and feeds read.
// Reads skeletons (skeleton.ts), never prose. Figures are checked here, not
// per brief, so a brief's cached compile stays valid when an image is added,
// removed or found unusable (build/image-store.ts reads the images).
import type {ImageTable, Site} from '../ast.js'
import {appendAll, diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'
import type {ContentImage} from '../load/content.js'
import {briefSlugOf, type BriefSkeleton} from './skeleton.js'

export {briefSlugOf, skeletonOf, type BriefSkeleton, type NoteSkeleton, type SectionSkeleton} from './skeleton.js'

export interface RegionEntry {
  readonly brief: BriefSkeleton
  /** Index into `brief.sections`. */
  readonly section: number
}

export interface Archive {
  readonly site: Site
  /** Newest first (by date, then slug, so the order never depends on the disk). */
  readonly briefs: readonly BriefSkeleton[]
  readonly bySlug: ReadonlyMap<string, BriefSkeleton>
  /** Every region of regions.yml, in its order, with its sections newest first. */
  readonly regions: ReadonlyMap<string, readonly RegionEntry[]>
  /** The usable images of the content folder, as figures show them (empty when none were read). */
  readonly images: ImageTable
}

/** The content folder's images, as the build read them. */
export interface ArchiveImages {
  /** Every image file (load/'s listImages). */
  readonly files: readonly ContentImage[]
  /** The usable ones, planned (build/image-store.ts); default: none. */
  readonly table?: ImageTable
  /** Those that cannot be shown, with why (build/images.ts's problems). */
  readonly problems?: ReadonlyMap<string, {readonly problem: string; readonly detail: string}>
  /** SVGs that sanitising changed, with what it removed. */
  readonly sanitised?: ReadonlyMap<string, readonly string[]>
}

export interface LinkOutput {
  readonly archive: Archive
  readonly diagnostics: Diagnostic[]
}

/**
 * `brokenSlugs`: slugs of brief files that exist but could not be parsed
 * (their own errors are reported); links to them are not reported as missing.
 * `images`: the content folder's images; figures are checked against them.
 * Default: undefined, and figures are not checked (callers that did not
 * list the folder).
 */
export function linkArchive(briefs: readonly BriefSkeleton[], site: Site, brokenSlugs: readonly string[] = [], images?: ArchiveImages): LinkOutput {
  const diagnostics: Diagnostic[] = []
  if (images) appendAll(diagnostics, checkFigureFiles(briefs, images))
  const sorted = [...briefs].sort(
    (a, b) => (a.meta.date < b.meta.date ? 1 : a.meta.date > b.meta.date ? -1 : 0) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
  )
  const bySlug = new Map<string, BriefSkeleton>()
  // Report the later file (in path order) as the duplicate, whichever is newer.
  for (const brief of [...briefs].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const other = bySlug.get(brief.slug)
    if (other) {
      diagnostics.push(
        diagnostic(brief.file, 'frontmatter/duplicate-slug', brief.metaPositions.slug ?? brief.metaPositions.title, {slug: brief.slug, other: other.file})
      )
    } else bySlug.set(brief.slug, brief)
  }

  const broken = new Set(brokenSlugs)
  for (const brief of sorted) {
    for (const note of brief.notes) {
      for (const source of note.sources) {
        if (source.kind !== 'url') continue
        const slug = briefSlugOf(source.url, site)
        if (slug !== undefined && !bySlug.has(slug) && !broken.has(slug)) {
          diagnostics.push(diagnostic(brief.file, 'link/missing-brief', source.position, {url: source.url, slug}))
        }
      }
    }
  }

  const regions = new Map<string, RegionEntry[]>(site.regions.map((region) => [region.id, []]))
  for (const brief of sorted) {
    if (bySlug.get(brief.slug) !== brief) continue
    brief.sections.forEach((section, index) => regions.get(section.regionId)?.push({brief, section: index}))
  }
  return {archive: {site, briefs: sorted.filter((brief) => bySlug.get(brief.slug) === brief), bySlug, regions, images: images?.table ?? new Map()}, diagnostics}
}

/**
 * Each figure's file exists and can be shown; each image file is shown by
 * some figure.
 */
export function checkFigureFiles(briefs: readonly BriefSkeleton[], images: ArchiveImages): Diagnostic[] {
  const out = checkFigureImages(briefs, images)
  const used = new Set(briefs.flatMap((brief) => (brief.figures ?? []).map((figure) => figure.path)))
  for (const image of images.files) if (!used.has(image.path)) out.push(diagnostic(image.file, 'figure/unused', undefined))
  return out
}

/**
 * Each figure's file exists and can be shown, reported at every figure
 * that shows it (that is where the author looks). Also what the build
 * reports when an image's pixels fail to decode (`images.problems`).
 */
export function checkFigureImages(briefs: readonly BriefSkeleton[], images: ArchiveImages): Diagnostic[] {
  const out: Diagnostic[] = []
  const existing = new Map(images.files.map((image) => [image.path, image]))
  for (const brief of [...briefs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    for (const figure of brief.figures ?? []) {
      const image = existing.get(figure.path)
      // Exact, case included: a path that works on a laptop's disk must also work on the server's.
      if (!image) {
        out.push(diagnostic(brief.file, 'figure/missing-file', figure.position, {path: `content/${figure.path}`}))
        continue
      }
      const problem = images.problems?.get(figure.path)
      const shown = {file: image.file, detail: problem?.detail ?? ''}
      if (problem?.problem === 'too-large') out.push(diagnostic(brief.file, 'figure/too-large', figure.position, shown))
      else if (problem?.problem === 'unsafe-svg') out.push(diagnostic(brief.file, 'figure/unsafe-svg', figure.position, shown))
      else if (problem) out.push(diagnostic(brief.file, 'figure/unreadable', figure.position, shown))
      const removed = images.sanitised?.get(figure.path)
      if (removed) out.push(diagnostic(brief.file, 'figure/svg-sanitised', figure.position, {file: image.file, removed}))
    }
  }
  return out
}
