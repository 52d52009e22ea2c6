// link/: a brief as everything after compiling reads it, its prose gone:
// metadata, takeaways, each section's region and topics, and the sources
// that link into this archive. Linking reads these (slugs, dates, links),
// page assembly the rest; the prose lives on only as rendered fragments.
// Compile workers send skeletons, the cache and its check index store them,
// the archive holds them: a thousand briefs cost megabytes, not gigabytes,
// and what a later stage may read is written here, not left to a rule of
// which fields happen to be emptied.
import type {Position} from 'unist'
import type {Brief, ImageTable, Note, RegionSection, Site} from '../ast.js'
import {contentKey} from '../content-key.js'
import {defaultContentPath, placeOfImage} from '../validate/figures.js'
import {notesSourcing, type NoteSourcing} from './sourcing.js'

/** A section without its Markdown content. */
export type SectionSkeleton = Omit<RegionSection, 'children'>

/** A note that links into this archive, with only those sources (links between briefs). */
export type NoteSkeleton = Pick<Note, 'number' | 'sources'>

/** A figure whose image is a file of the content folder: that file, for link/ to find it. */
export interface FigureSkeleton {
  /** The image file's path inside the content folder, `/`-separated (`briefs/maps/kinmen.png`). */
  readonly path: string
  /** Where the image is written in the brief. */
  readonly position: Position
  /** The index of the section it is in (region feeds show a section's first figure). */
  readonly section: number
  /** Its alt text, for where the image is shown apart from the prose (a share preview, a feed). */
  readonly alt: string
}

/**
 * A brief without its prose: no citations, no section content, and of the
 * notes only those with sources pointing into this archive. A full `Brief`
 * is one too (it has all of this and more).
 */
export interface BriefSkeleton extends Omit<Brief, 'citations' | 'sections' | 'notes'> {
  readonly sections: readonly SectionSkeleton[]
  readonly notes: readonly NoteSkeleton[]
  /** The figures showing files of the content folder (absent on a full Brief, which carries them as prose). */
  readonly figures?: readonly FigureSkeleton[]
  /** Each note's outlets and citing sections (link/sourcing.ts; absent on a full Brief, whose notes and citations say it). */
  readonly sourcing?: readonly NoteSourcing[]
}

/**
 * The skeleton of a parsed brief: built field by field, so nothing else
 * crosses a thread or lands in the cache. `contentPath`: the brief's path
 * inside the content folder, which its figures' paths are resolved against
 * (default: validate/'s `defaultContentPath`).
 */
export function skeletonOf(brief: Brief, site: Pick<Site, 'settings'>, contentPath = defaultContentPath(brief.file)): BriefSkeleton {
  const figures: FigureSkeleton[] = []
  brief.sections.forEach((section, index) => {
    for (const node of section.children) {
      if (node.type !== 'figure' || !node.imagePosition) continue
      const place = placeOfImage(node.url, contentPath)
      if (typeof place === 'object') figures.push({path: place.inside, position: node.imagePosition, section: index, alt: node.alt})
    }
  })
  const notes: NoteSkeleton[] = []
  for (const note of brief.notes) {
    const sources = note.sources.filter((source) => source.kind === 'url' && briefSlugOf(source.url, site) !== undefined)
    if (sources.length > 0) notes.push({number: note.number, sources})
  }
  return {
    file: brief.file,
    slug: brief.slug,
    meta: brief.meta,
    metaPositions: brief.metaPositions,
    takeaways: brief.takeaways,
    corrections: brief.corrections,
    sections: brief.sections.map((section) => ({
      type: section.type,
      regionId: section.regionId,
      heading: section.heading,
      headingPosition: section.headingPosition,
      topics: section.topics,
      position: section.position
    })),
    notes,
    figures,
    sourcing: notesSourcing(brief.notes, brief.citations)
  }
}

/**
 * A key of what the brief's figures show: each figure's image file as the
 * table plans it (its names carry the image's content hash). Undefined when
 * the brief shows no image of the content folder. Fragments and pages made
 * with other images (an edited map) are made again.
 */
export function imagesKey(brief: BriefSkeleton, images: ImageTable | undefined): string | undefined {
  const figures = brief.figures ?? []
  if (figures.length === 0) return undefined
  return contentKey(figures.map((figure) => `${figure.path}\0${JSON.stringify(images?.get(figure.path) ?? null)}`), 24)
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
