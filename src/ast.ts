// The typed brief AST: what parse/ produces and every later stage reads.
// Plain, serialisable data (mdast for prose, unist positions everywhere), so
// a brief can cross a worker thread or a cache file unchanged.
import type {Position} from 'unist'
import type {Nodes, PhrasingContent, RootContent} from 'mdast'
import type {Frontmatter, Region, SiteSettings} from './parse/schema.js'

/** A GFM footnote reference with a numeric label, as the analyst wrote it. */
export interface Citation {
  type: 'citation'
  /** The note number, exactly as written (never renumbered). */
  number: number
  /** 1 for the first place that cites this note, 2 for the second ... */
  use: number
  position?: Position
}

/** A source that is deliberately not a link (`https://udn dot com/...`). */
export interface DefangedSourceNode {
  type: 'defangedSource'
  value: string
  position?: Position
}

/**
 * An image alone in its paragraph, with an optional credit line under it
 * (parse/figures.ts): `![alt](maps/kinmen.png "Caption")` then
 * `Map: Institute for Strait Studies`. It replaces that paragraph in its
 * section's children (figures are read at a section's top level only, not
 * inside lists or quotes); an image inside a sentence stays an inline image.
 */
export interface Figure {
  type: 'figure'
  /** The image's address as written: a path relative to the brief's file, or (reported) a remote URL. */
  url: string
  /** The alt text as written ('' when there is none: validate/ reports it). */
  alt: string
  /** The Markdown title of the image, when it has one. */
  caption?: string
  /** The credit line, its label included (`Map: Institute ...`), as inline Markdown. */
  credit?: PhrasingContent[]
  /** Where the image (`![...](...)`) is written. */
  imagePosition?: Position
  /** Where the credit line is written. */
  creditPosition?: Position
  /** The whole paragraph. */
  position?: Position
}

/** One file made of a figure's image, as a page names it (build/images.ts plans it). */
export interface ImageFile {
  /** File name under the site's `images/` folder; carries the image's content hash. */
  readonly name: string
  readonly width: number
  readonly height: number
  /** Media type: `image/avif`, `image/webp`, `image/png`, `image/jpeg`, `image/svg+xml`. */
  readonly type: string
}

/** How a figure's image is shown: its size, the files offered (by width, then format), the full-size file. */
export interface FigureImage {
  readonly width: number
  readonly height: number
  readonly sources: readonly ImageFile[]
  readonly full: ImageFile
  /**
   * A PNG or JPEG of it, at most 1600 px wide: what share previews (Open
   * Graph) and feed readers are given, since not all of them read AVIF,
   * WebP or SVG. For an SVG, a rendering of the sanitised drawing.
   */
  readonly raster: ImageFile
}

/** Each usable image of the content folder, by its path inside it (`maps/kinmen.png`). */
export type ImageTable = ReadonlyMap<string, FigureImage>

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation
    defangedSource: DefangedSourceNode
  }
  interface RootContentMap {
    figure: Figure
    citation: Citation
    defangedSource: DefangedSourceNode
  }
}

/** An archived copy of a URL source: its address and where that is written. */
export interface ArchivedCopy {
  url: string
  position: Position
}

/** One source of a note, in the order written. */
export type Source =
  | {
      kind: 'url'
      url: string
      /** Link text from `[text](url)`, if any. */ label?: string
      /** e.g. "p.3" */ locator?: string
      raw: string
      position: Position
      /** Where the address is written, when it is not the whole source: a Markdown link's destination. */ urlPosition?: Position
      /**
       * An archived copy of the source, written after it as
       * `(archived: https://web.archive.org/web/...)`: readers of an old
       * brief still reach what was cited when the address dies.
       */
      archived?: ArchivedCopy
    }
  | {kind: 'defanged'; raw: string; /** The address it stands for, when it can be read back. */ refanged?: string; position: Position}
  | {kind: 'text'; raw: string; position: Position}

export interface Note {
  number: number
  sources: Source[]
  /** How many places cite this note (0 for a note nothing cites). */
  uses: number
  position: Position
}

export interface Topic {
  title: string
  /** Id unique within the section, derived from the title. */
  id: string
  position: Position
}

export interface RegionSection {
  type: 'regionSection'
  regionId: string
  /** The heading as written, e.g. "PRC" for the region China. */
  heading: string
  headingPosition: Position
  topics: Topic[]
  /** The section's Markdown content after its `##` heading, citations resolved. */
  children: RootContent[]
  position: Position
}

export interface Takeaway {
  /** The Markdown as written in the frontmatter. */
  markdown: string
  content: PhrasingContent[]
  /** Plain text, used to find the paragraph that elaborates it. */
  text: string
  position: Position
}

/** A correction of the brief after publication (frontmatter `corrections`), its text read like a takeaway. */
export interface Correction extends Takeaway {
  /** The day it was made, YYYY-MM-DD (after the brief's date). */
  date: string
}

export interface CitationRef {
  number: number
  use: number
  /** Index into `sections`. */
  section: number
  position: Position
}

export interface Brief {
  /** Display path, relative to the working directory. */
  file: string
  slug: string
  meta: Frontmatter
  /** Positions of frontmatter keys, by key, for later stages' diagnostics. */
  metaPositions: Record<string, Position>
  takeaways: Takeaway[]
  /** Corrections in the order written (empty when there are none). */
  corrections: Correction[]
  sections: RegionSection[]
  citations: CitationRef[]
  /** Sorted by number. */
  notes: Note[]
}

/** Settings resolved once from content/ and passed down, frozen. */
export interface Site {
  readonly settings: Readonly<SiteSettings>
  readonly regions: readonly Readonly<Region>[]
  /** Absolute path of the content folder. */
  readonly contentDir: string
}

export type BriefNode = Nodes | Citation | DefangedSourceNode | Figure
