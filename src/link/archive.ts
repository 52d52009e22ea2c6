// link/: the briefs of the archive, together. Owns everything that needs
// more than one brief: unique slugs, links from one brief to another (by
// its URL under baseUrl), and the index of sections per region that region
// pages and feeds read.
import type {Brief, Site} from '../ast.js'
import {diagnostic, type Diagnostic} from '../diagnostics/diagnostic.js'

export interface RegionEntry {
  readonly brief: Brief
  /** Index into `brief.sections`. */
  readonly section: number
}

export interface Archive {
  readonly site: Site
  /** Newest first (by date, then slug, so the order never depends on the disk). */
  readonly briefs: readonly Brief[]
  readonly bySlug: ReadonlyMap<string, Brief>
  /** Every region of regions.yml, in its order, with its sections newest first. */
  readonly regions: ReadonlyMap<string, readonly RegionEntry[]>
}

export interface LinkOutput {
  readonly archive: Archive
  readonly diagnostics: Diagnostic[]
}

/**
 * `brokenSlugs`: slugs of brief files that exist but could not be parsed
 * (their own errors are reported); links to them are not reported as missing.
 */
export function linkArchive(briefs: readonly Brief[], site: Site, brokenSlugs: readonly string[] = []): LinkOutput {
  const diagnostics: Diagnostic[] = []
  const sorted = [...briefs].sort(
    (a, b) => (a.meta.date < b.meta.date ? 1 : a.meta.date > b.meta.date ? -1 : 0) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
  )
  const bySlug = new Map<string, Brief>()
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
  return {archive: {site, briefs: sorted.filter((brief) => bySlug.get(brief.slug) === brief), bySlug, regions}, diagnostics}
}

/**
 * The slug of the brief a URL points at, when it points into this archive
 * (`<baseUrl>briefs/<slug>/`, with or without the final slash or index.html).
 */
export function briefSlugOf(url: string, site: Pick<Site, 'settings'>): string | undefined {
  // Most sources are elsewhere: a case-insensitive look for the host first
  // spares parsing fifty thousand URLs in a large archive.
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(site.settings.baseUrl)?.[1]?.toLowerCase()
  if (host !== undefined && !url.toLowerCase().includes(host)) return undefined
  let target: URL
  let base: URL
  try {
    target = new URL(url)
    base = new URL(site.settings.baseUrl)
  } catch {
    return undefined
  }
  if (target.host.toLowerCase() !== base.host.toLowerCase()) return undefined
  if (!target.pathname.startsWith(base.pathname)) return undefined
  const rest = target.pathname.slice(base.pathname.length)
  const match = /^briefs\/([^/]+)\/?(?:index\.html)?$/.exec(rest)
  return match ? decodeURIComponent(match[1] ?? '') : undefined
}

