// render/: the image a brief, or one of its sections, is represented by
// where its prose is not shown: share previews (Open Graph) and feed
// entries. It is the first figure's raster copy (build/images.ts plans one
// for every image: PNG or JPEG, which every crawler and feed reader reads,
// where AVIF, WebP and SVG are not), at an absolute URL.
import type {Archive} from '../link/archive.js'
import type {BriefSkeleton} from '../link/skeleton.js'
import {absolute, paths} from './paths.js'

export interface LeadImage {
  /** Absolute URL. */
  readonly url: string
  /** Media type: image/png or image/jpeg. */
  readonly type: string
  readonly width: number
  readonly height: number
  /** The figure's alt text. */
  readonly alt: string
}

/** The brief's first figure (of section `section`, when given) that shows a processed image. */
export function leadImage(archive: Archive, brief: BriefSkeleton, section?: number): LeadImage | undefined {
  for (const figure of brief.figures ?? []) {
    if (section !== undefined && figure.section !== section) continue
    const image = archive.images.get(figure.path)
    if (!image) continue
    const {raster} = image
    return {url: absolute(archive.site.settings.baseUrl, paths.image(raster.name)), type: raster.type, width: raster.width, height: raster.height, alt: figure.alt}
  }
  return undefined
}
